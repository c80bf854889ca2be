package dev.diagonal.app.finetune;

import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Carries a training run's reports from the trainer's thread to the UI thread, coalesced: however many
 * steps the trainer makes between two UI turns, the UI gets one {@link Update} with all of them. After
 * handing over a similarity snapshot, the heaviest update to draw, the trainer pauses for a breath so
 * that the UI thread and the renderer do not compete with training for a CPU while they draw it.
 */
final class TrainingFeed implements TrainingListener {

    /** The last step's numbers. */
    record Step(long step, double loss, double lr, double logitScale, double imagesPerSecond, Duration eta) {}

    /** An evaluation's metrics at a step. */
    record Evaluation(long step, Map<String, Double> metrics) {}

    /** Everything reported since the previous update; null or empty where nothing new came. */
    record Update(TrainingPlan plan, List<Step> steps, List<Evaluation> evaluations, List<SimilaritySnapshot> similarities,
            List<String> warnings, RunStatus endStatus, String endMessage) {}

    private final Executor ui;
    private final Consumer<Update> sink;
    private final BooleanSupplier cancelled;
    private final Duration breath;
    private TrainingPlan plan;
    private List<Step> steps = new ArrayList<>();
    private List<Evaluation> evaluations = new ArrayList<>();
    private List<SimilaritySnapshot> similarities = new ArrayList<>();
    private List<String> warnings = new ArrayList<>();
    private RunStatus endStatus;
    private String endMessage;
    private boolean scheduled;

    /**
     * @param breath how long the trainer pauses after handing the UI a similarity snapshot (and in
     *               {@link #breathe()}); zero for none
     */
    TrainingFeed(Executor ui, Consumer<Update> sink, BooleanSupplier cancelled, Duration breath) {
        this.ui = ui;
        this.sink = sink;
        this.cancelled = cancelled;
        this.breath = breath;
    }

    /** Pauses the calling (trainer's) thread for the breath, so that the UI draws what it was just given. */
    void breathe() {
        if (!breath.isZero()) {
            try {
                Thread.sleep(breath.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the user asked the run to stop (the trainer polls this between steps). */
    BooleanSupplier cancelled() {
        return cancelled;
    }

    @Override
    public synchronized void onStart(TrainingPlan started) {
        plan = started;
        schedule();
    }

    @Override
    public synchronized void onStep(long step, double loss, double lr, double logitScale, double imagesPerSecond, Duration eta) {
        steps.add(new Step(step, loss, lr, logitScale, imagesPerSecond, eta));
        schedule();
    }

    @Override
    public synchronized void onEvaluation(long step, Map<String, Double> metrics) {
        evaluations.add(new Evaluation(step, Map.copyOf(metrics)));
        schedule();
    }

    @Override
    public void onSimilarity(SimilaritySnapshot snapshot) {
        synchronized (this) {
            similarities.add(snapshot);
            schedule();
        }
        breathe();
    }

    @Override
    public synchronized void onWarning(String message) {
        warnings.add(message);
        schedule();
    }

    /** Shown with the warnings: e.g. the learning rate an LR range test picked, and why. */
    @Override
    public synchronized void onNote(String message) {
        onWarning(message);
    }

    @Override
    public synchronized void onEnd(RunStatus status, String message) {
        endStatus = status;
        endMessage = message;
        schedule();
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            ui.execute(this::flush);
        }
    }

    private void flush() {
        Update update;
        synchronized (this) {
            update = new Update(plan, steps, evaluations, similarities, warnings, endStatus, endMessage);
            plan = null;
            steps = new ArrayList<>();
            evaluations = new ArrayList<>();
            similarities = new ArrayList<>();
            warnings = new ArrayList<>();
            endStatus = null;
            endMessage = null;
            scheduled = false;
        }
        sink.accept(update);
    }
}
