package dev.diagonal.train;

/**
 * What a run is about to do, announced by {@link TrainingListener#onStart}.
 *
 * @param method the training method, e.g. {@code contrastive}
 * @param totalSteps optimizer steps of the whole run
 * @param startStep steps already done (0 for a new run, the checkpoint's step on resume)
 * @param epochs passes over the training set
 * @param stepsPerEpoch optimizer steps per pass (fractional with gradient accumulation)
 * @param batchSize images per micro-batch (after capping to the number of samples, or of classes one per class)
 * @param batches how labelled batches were made ({@link Batches#key()}), null for caption-only data
 * @param accumulation micro-batches per optimizer step
 * @param trainSamples training images
 * @param valSamples validation images (0 when there is no validation set)
 * @param trainableParameters parameter values that are trained
 * @param frozenParameters parameter values that are frozen
 * @param device where the model runs, e.g. {@code cpu()}
 */
public record TrainingPlan(String method, long totalSteps, long startStep, int epochs, double stepsPerEpoch,
        int batchSize, String batches, int accumulation, int trainSamples, int valSamples, long trainableParameters,
        long frozenParameters, String device) {}
