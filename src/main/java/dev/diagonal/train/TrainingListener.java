package dev.diagonal.train;

import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a training run reports outward: the command line prints it, the workbench draws it.
 * The trainer calls these methods on its own thread, in order; every method has a no-op default, so
 * a listener implements only what it shows. A listener must not throw.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /** The run is about to take its first (or, on resume, its next) step. */
    default void onStart(TrainingPlan plan) {}

    /**
     * One optimizer step is done.
     *
     * @param step optimizer steps done so far (1 after the first step)
     * @param loss the step's mean loss over its micro-batches
     * @param lr the learning rate the step used
     * @param logitScale {@code exp(logit_scale)} after the step (the factor on cosine similarities)
     * @param imagesPerSecond training images per second over this step (loading included)
     * @param eta estimated time to the end of training; {@link Duration#ZERO} when unknown
     */
    default void onStep(long step, double loss, double lr, double logitScale, double imagesPerSecond, Duration eta) {}

    /** An evaluation finished; {@code metrics} maps names (e.g. {@code zeroshot_top1}) to values. */
    default void onEvaluation(long step, Map<String, Double> metrics) {}

    /** The probe batch's image-caption similarity matrix at a step (the workbench heatmap). */
    default void onSimilarity(SimilaritySnapshot snapshot) {}

    /** A checkpoint was written (atomically) to {@code path}. */
    default void onCheckpoint(long step, Path path) {}

    /** Something the user should know that does not stop the run (chance-level loss, skipped rows). */
    default void onWarning(String message) {}

    /** Something the run decided that a person should know, e.g. the learning rate {@code --lr auto} picked and why. */
    default void onNote(String message) {}

    /** The run ended: COMPLETED, CANCELLED (resumable) or FAILED ({@code message} says why). */
    default void onEnd(RunStatus status, String message) {}
}
