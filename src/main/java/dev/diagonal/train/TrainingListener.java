package dev.diagonal.train;

import dev.diagonal.project.CheckpointEvent;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import dev.diagonal.project.WarningEvent;

/**
 * Everything a training run reports outward: the command line prints it, the workbench draws it. The reports are
 * the {@link RunEvent}s that {@code metrics.jsonl} holds, so a run read back from disk can be replayed through the
 * same methods ({@link #onEvent}). The trainer calls these methods on its own thread, in order; every method has a
 * no-op default, so a listener implements only what it shows. A listener must not throw.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /** The run is about to take its first (or, on resume, its next) step. */
    default void onStart(TrainingPlan plan) {}

    /** One optimizer step is done. */
    default void onStep(StepEvent step) {}

    /** An evaluation finished; its metrics are named as in {@link dev.diagonal.eval.MetricNames}. */
    default void onEvaluation(EvaluationEvent evaluation) {}

    /** The probe batch's image-caption similarity matrix at a step (the workbench heatmap). */
    default void onSimilarity(SimilaritySnapshot snapshot) {}

    /** A checkpoint was written (atomically). */
    default void onCheckpoint(CheckpointEvent checkpoint) {}

    /** Something the user should know that does not stop the run (chance-level loss, skipped rows). */
    default void onWarning(String message) {}

    /** Something the run decided that a person should know, e.g. the learning rate {@code --lr auto} picked and why. */
    default void onNote(String message) {}

    /** The run ended: COMPLETED, CANCELLED (resumable) or FAILED ({@code message} says why). */
    default void onEnd(RunStatus status, String message) {}

    /**
     * Hands a recorded event to the method of its kind (how a run read from {@code metrics.jsonl} is replayed);
     * summaries, resume marks and unknown kinds have no method and are dropped.
     */
    default void onEvent(RunEvent event) {
        if (event instanceof StepEvent step) {
            onStep(step);
        } else if (event instanceof EvaluationEvent evaluation) {
            onEvaluation(evaluation);
        } else if (event instanceof SimilaritySnapshot snapshot) {
            onSimilarity(snapshot);
        } else if (event instanceof CheckpointEvent checkpoint) {
            onCheckpoint(checkpoint);
        } else if (event instanceof WarningEvent warning) {
            onWarning(warning.message());
        }
    }
}
