package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Formats;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.StepEvent;
import dev.diagonal.train.EvaluationLine;
import dev.diagonal.train.TrainingPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the fine-tune screen shows of one run, whether it trains here, is written by another process or
 * has ended: its plan, status line, progress, steps, evaluations, similarity snapshots and warnings.
 * Fed by {@link TrainingFeed.Update}s on the UI thread. The methods without a training loop report through
 * evaluations only: their embedding progress ({@code embed_<split>_done}/{@code _total}) moves the status
 * line and progress bar instead of becoming an evaluation, and a metric named {@code …train_loss} (Tip-Adapter-F's
 * per-epoch {@code tip_train_loss}) is also a point of the loss curve.
 */
public final class RunDisplay {

    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty metrics = new SimpleStringProperty("");
    private final ObservableList<StepEvent> steps = FXCollections.observableArrayList();
    private final ObservableList<EvaluationEvent> evaluations = FXCollections.observableArrayList();
    private final SimilarityReplay replay = new SimilarityReplay();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private long totalSteps;
    private String statusPrefix = "";

    /** Forgets the previous run; {@code prefix} starts every step's status line (e.g. which run is followed). */
    void clear(String prefix) {
        steps.clear();
        evaluations.clear();
        warnings.clear();
        replay.clear();
        plan.set("");
        metrics.set("");
        totalSteps = 0;
        statusPrefix = prefix;
    }

    void setStatus(String text) {
        status.set(text);
    }

    void setPlan(String text) {
        plan.set(text);
    }

    void setProgress(double fraction) {
        progress.set(fraction);
    }

    /** Says which method the shown run uses (null: not known), so that the heatmap says why it stays empty. */
    void setMethod(String method) {
        replay.setEmptyText(MethodTraits.emptyHeatmap(method));
    }

    /** Applies what the run reported since the last update. */
    void show(TrainingFeed.Update update) {
        List<StepEvent> newSteps = new ArrayList<>(update.steps());
        List<EvaluationEvent> newEvaluations = new ArrayList<>();
        for (EvaluationEvent evaluation : update.evaluations()) {
            if (!embedding(evaluation.metrics())) {
                newEvaluations.add(evaluation); // its metrics() leave counters such as epoch out
                trainLoss(evaluation.step(), evaluation.metrics(), newSteps);
            }
        }
        show(update, newSteps, newEvaluations);
    }

    /** Embedding progress of a method without a training loop: shown on the status line, not kept as an evaluation. */
    private boolean embedding(Map<String, Double> metrics) {
        for (String split : List.of("train", "val")) {
            Double done = metrics.get("embed_" + split + "_done");
            Double total = metrics.get("embed_" + split + "_total");
            if (done != null && total != null && metrics.size() == 2) {
                status.set(statusPrefix + String.format(Locale.ROOT, "embedding the %s images: %.0f of %.0f",
                        split.equals("val") ? "validation" : "training", done, total));
                progress.set(total > 0 ? done / total : -1);
                return true;
            }
        }
        return false;
    }

    /** A {@code …train_loss} metric also goes on the loss curve, with the {@code …lr} beside it. */
    private static void trainLoss(long step, Map<String, Double> metrics, List<StepEvent> steps) {
        metrics.forEach((key, value) -> {
            if (key.endsWith("train_loss") && value != null) {
                Double lr = metrics.get(key.substring(0, key.length() - "train_loss".length()) + "lr");
                steps.add(new StepEvent(step, Double.NaN, value, lr == null ? Double.NaN : lr, Double.NaN, Double.NaN,
                        Duration.ZERO));
            }
        });
    }

    private void show(TrainingFeed.Update update, List<StepEvent> newSteps, List<EvaluationEvent> newEvaluations) {
        if (update.plan() != null) {
            TrainingPlan p = update.plan();
            totalSteps = p.totalSteps();
            plan.set(String.format(Locale.ROOT, "%s: %d steps (%d epochs, batch %d×%d), %,d training and %,d validation images, "
                    + "%s of %s parameters trained, on %s", p.method(), p.totalSteps(), p.epochs(), p.batchSize(), p.accumulation(),
                    p.trainSamples(), p.valSamples(), Formats.parameters(p.trainableParameters()),
                    Formats.parameters(p.trainableParameters() + p.frozenParameters()), p.device()));
        }
        if (!newSteps.isEmpty()) {
            steps.addAll(newSteps);
            newSteps.forEach(s -> replay.noteLogitScale(s.step(), s.logitScale()));
            StepEvent last = newSteps.get(newSteps.size() - 1);
            progress.set(totalSteps > 0 ? (double) last.step() / totalSteps : -1);
            status.set(statusPrefix + String.format(Locale.ROOT, "step %d%s · loss %.4f%s%s%s", last.step(),
                    totalSteps > 0 ? " of " + totalSteps : "", last.loss(),
                    Double.isNaN(last.lr()) ? "" : String.format(Locale.ROOT, " · lr %.2e", last.lr()),
                    Double.isNaN(last.imagesPerSecond()) ? "" : String.format(Locale.ROOT, " · %.1f img/s", last.imagesPerSecond()),
                    last.eta().isZero() ? "" : " · about " + Formats.duration(last.eta()) + " left"));
        }
        if (!newEvaluations.isEmpty()) {
            evaluations.addAll(newEvaluations);
            EvaluationEvent last = newEvaluations.get(newEvaluations.size() - 1);
            metrics.set("step " + last.step() + ": " + EvaluationLine.describe(last.metrics()));
        }
        replay.add(update.similarities());
        warnings.addAll(update.warnings());
    }

    /** The run's progress in [0, 1], or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** One line on what the screen is doing: ready, the last step, how the run ended. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** What the run does, from its plan (or its {@code run.json} for a run of another process). */
    public ReadOnlyStringProperty planProperty() {
        return plan;
    }

    /** The latest evaluation's metrics in one line. */
    public ReadOnlyStringProperty metricsProperty() {
        return metrics;
    }

    /** The run's steps so far (with a {@code …train_loss} metric's points), as the run's own events. */
    public ObservableList<StepEvent> steps() {
        return steps;
    }

    /** The run's evaluations so far (embedding progress left out), as the run's own events. */
    public ObservableList<EvaluationEvent> evaluations() {
        return evaluations;
    }

    /** The probe batch's similarity snapshots and which one the heatmap shows. */
    public SimilarityReplay replay() {
        return replay;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }
}
