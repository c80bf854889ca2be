package dev.diagonal.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.diagonal.clip.ClipModel;
import java.util.Collection;

/**
 * The arithmetic of one contrastive training step, shared by the trainer and the parity test:
 * forward and backward of a micro-batch ({@link #forwardBackward}), then the update ({@link #update}):
 * global-norm clipping, the AdamW step, zeroed gradients and the logit scale clamped to [0, ln 100].
 */
public final class ContrastiveStep {

    /** The largest logit scale: {@code ln 100}, so similarities are multiplied by at most 100. */
    public static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    private ContrastiveStep() {}

    /**
     * Runs the model on a batch of pairs and adds {@code lossScale ×} the gradient of the contrastive
     * loss to the trainable parameters' gradients (nothing is added when the loss is not finite).
     *
     * @param pixels preprocessed images (N, C, H, W)
     * @param ids token ids (N, T), padded
     * @param mask attention mask (N, T)
     * @param lossScale the loss's weight, {@code 1 / accumulation}
     * @return the loss (unscaled)
     */
    public static double forwardBackward(ClipModel model, NDArray pixels, NDArray ids, NDArray mask, double lossScale) {
        return forwardBackward(model, pixels, ids, mask, (PositivePairs) null, lossScale);
    }

    /**
     * As {@link #forwardBackward(ClipModel, NDArray, NDArray, NDArray, double)}, with the batch's positive
     * pairs: {@code ids} and {@code mask} then hold the pairs' text columns, and the loss is
     * {@link ContrastiveLoss#multiPositive} unless the pairs are the identity (or null).
     */
    public static double forwardBackward(ClipModel model, NDArray pixels, NDArray ids, NDArray mask, PositivePairs pairs,
            double lossScale) {
        return forwardBackward(model, pixels, ids, mask, (images, texts, scale) -> pairs == null || pairs.identity()
                ? ContrastiveLoss.compute(images, texts, scale)
                : ContrastiveLoss.multiPositive(images, texts, scale, pairs), lossScale);
    }

    /** The loss of a batch from its image features, text features and logit scale (differentiable). */
    @FunctionalInterface
    public interface BatchLoss {
        /** The loss as a scalar array. */
        NDArray of(NDArray imageFeatures, NDArray textFeatures, NDArray logitScale);
    }

    /** As {@link #forwardBackward(ClipModel, NDArray, NDArray, NDArray, double)}, with the loss given. */
    public static double forwardBackward(ClipModel model, NDArray pixels, NDArray ids, NDArray mask, BatchLoss batchLoss,
            double lossScale) {
        try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray imageFeatures = model.imageFeatures(pixels);
            NDArray textFeatures = model.textFeatures(ids, mask);
            NDArray loss = batchLoss.of(imageFeatures, textFeatures, model.logitScale());
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                collector.backward(lossScale == 1.0 ? loss : loss.mul(ContrastiveLoss.scalar(loss, (float) lossScale)));
            }
            return value;
        }
    }

    /**
     * Clips the gradients to a global norm of {@code clipNorm} (0: no clipping), takes an AdamW step
     * with {@code lr}, zeroes the gradients and clamps the logit scale. When the gradient norm is not
     * finite nothing is changed.
     *
     * @return the global gradient norm before clipping
     */
    public static double update(ClipModel model, Collection<Parameter> trainable, AdamW optimizer, double lr, double clipNorm) {
        double norm = Gradients.clipGlobalNorm(trainable, clipNorm);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        optimizer.step(lr);
        Gradients.zero(trainable);
        clampLogitScale(model);
        return norm;
    }

    /** Keeps the logit scale in [0, ln 100], as CLIP does after every step. */
    public static void clampLogitScale(ClipModel model) {
        NDArray scale = model.logitScale();
        float value = scale.getFloat();
        if (value > MAX_LOGIT_SCALE) {
            scale.muli(0).addi(MAX_LOGIT_SCALE);
        } else if (value < 0) {
            scale.muli(0);
        }
    }
}
