package dev.diagonal.app.finetune;

import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Everything reported since the previous update, as the run's own events; null or empty where nothing new came. */
    record Update(TrainingPlan plan, List<StepEvent> steps, List<EvaluationEvent> evaluations,
            List<SimilaritySnapshot> similarities, List<String> warnings, RunStatus endStatus, String endMessage) {

        /** This update with the run's end (null status: not ended). */
        Update ending(RunStatus status, String message) {
            return new Update(plan, steps, evaluations, similarities, warnings, status, message);
        }
    }

    private final Executor ui;
    private final Consumer<Update> sink;
    private final BooleanSupplier cancelled;
    private final Duration breath;
    private TrainingPlan plan;
    private List<StepEvent> steps = new ArrayList<>();
    private List<EvaluationEvent> evaluations = new ArrayList<>();
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

    /**
     * A feed that only gathers: events handed to it (e.g. {@link #onEvent} with what {@code metrics.jsonl} holds) wait
     * for {@link #take()}, so that a run read from disk becomes updates the way a live one does.
     */
    static TrainingFeed gathering() {
        return new TrainingFeed(task -> {}, update -> {}, () -> false, Duration.ZERO);
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
    public synchronized void onStep(StepEvent step) {
        steps.add(step);
        schedule();
    }

    @Override
    public synchronized void onEvaluation(EvaluationEvent evaluation) {
        evaluations.add(evaluation);
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
        sink.accept(take());
    }

    /** What was reported since the last update, and nothing kept. */
    synchronized Update take() {
        Update update = new Update(plan, steps, evaluations, similarities, warnings, endStatus, endMessage);
        plan = null;
        steps = new ArrayList<>();
        evaluations = new ArrayList<>();
        similarities = new ArrayList<>();
        warnings = new ArrayList<>();
        endStatus = null;
        endMessage = null;
        scheduled = false;
        return update;
    }
}
