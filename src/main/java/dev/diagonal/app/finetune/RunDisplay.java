package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Formats;
import dev.diagonal.train.EvaluationLine;
import dev.diagonal.train.TrainingPlan;
import java.util.Locale;
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
 * Fed by {@link TrainingFeed.Update}s on the UI thread.
 */
public final class RunDisplay {

    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty metrics = new SimpleStringProperty("");
    private final ObservableList<TrainingFeed.Step> steps = FXCollections.observableArrayList();
    private final ObservableList<TrainingFeed.Evaluation> evaluations = FXCollections.observableArrayList();
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

    /** Applies what the run reported since the last update. */
    void show(TrainingFeed.Update update) {
        if (update.plan() != null) {
            TrainingPlan p = update.plan();
            totalSteps = p.totalSteps();
            plan.set(String.format(Locale.ROOT, "%s: %d steps (%d epochs, batch %d×%d), %,d training and %,d validation images, "
                    + "%s of %s parameters trained, on %s", p.method(), p.totalSteps(), p.epochs(), p.batchSize(), p.accumulation(),
                    p.trainSamples(), p.valSamples(), Formats.parameters(p.trainableParameters()),
                    Formats.parameters(p.trainableParameters() + p.frozenParameters()), p.device()));
        }
        if (!update.steps().isEmpty()) {
            steps.addAll(update.steps());
            TrainingFeed.Step last = update.steps().get(update.steps().size() - 1);
            progress.set(totalSteps > 0 ? (double) last.step() / totalSteps : -1);
            status.set(statusPrefix + String.format(Locale.ROOT, "step %d%s · loss %.4f · lr %.2e · %.1f img/s%s", last.step(),
                    totalSteps > 0 ? " of " + totalSteps : "", last.loss(), last.lr(), last.imagesPerSecond(),
                    last.eta().isZero() ? "" : " · about " + Formats.duration(last.eta()) + " left"));
        }
        if (!update.evaluations().isEmpty()) {
            evaluations.addAll(update.evaluations());
            TrainingFeed.Evaluation last = update.evaluations().get(update.evaluations().size() - 1);
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

    public ObservableList<TrainingFeed.Step> steps() {
        return steps;
    }

    public ObservableList<TrainingFeed.Evaluation> evaluations() {
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
