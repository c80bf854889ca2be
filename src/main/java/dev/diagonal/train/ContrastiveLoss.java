package dev.diagonal.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.diagonal.clip.ClipModel;

/**
 * CLIP's symmetric InfoNCE loss over a batch of matching image-text pairs (pair {@code i} is image
 * {@code i} with text {@code i}): cross-entropy of each image against all texts and of each text
 * against all images, on L2-normalised features scaled by {@code exp(logit_scale)}, averaged over
 * the batch and the two directions. Equals HF's {@code clip_loss} ({@code CLIPModel(return_loss=True)}).
 */
public final class ContrastiveLoss {

    private ContrastiveLoss() {}

    /**
     * The loss as a scalar array (differentiable).
     *
     * @param imageFeatures projected image features, (N, D), not normalised
     * @param textFeatures projected text features, (N, D), not normalised
     * @param logitScale the model's log temperature (a scalar)
     */
    public static NDArray compute(NDArray imageFeatures, NDArray textFeatures, NDArray logitScale) {
        NDArray images = ClipModel.normalize(imageFeatures);
        NDArray texts = ClipModel.normalize(textFeatures);
        return fromLogits(images.matMul(texts.transpose()).mul(logitScale.exp()));
    }

    /**
     * The multi-positive form (SupCon-style targets, as in UniCL): the cross-entropy of each image against
     * the texts with its positives' share of the target spread evenly, and of each text against the
     * images likewise, each averaged over its rows and the two directions averaged. With
     * {@link PositivePairs#identity()} pairs it is {@link #compute}.
     *
     * @param imageFeatures projected image features, (N, D), not normalised
     * @param textFeatures projected features of the pairs' text columns, (M, D), not normalised
     */
    public static NDArray multiPositive(NDArray imageFeatures, NDArray textFeatures, NDArray logitScale,
            PositivePairs pairs) {
        NDArray images = ClipModel.normalize(imageFeatures);
        NDArray texts = ClipModel.normalize(textFeatures);
        NDArray logits = images.matMul(texts.transpose()).mul(logitScale.exp()); // (N, M)
        Shape shape = logits.getShape();
        NDArray imageTargets = logits.getManager().create(pairs.imageTargets(), shape);
        NDArray textTargets = logits.getManager().create(pairs.textTargets(), shape);
        NDArray imageToText = logits.logSoftmax(1).mul(imageTargets).sum().div(scalar(logits, -shape.get(0)));
        NDArray textToImage = logits.logSoftmax(0).mul(textTargets).sum().div(scalar(logits, -shape.get(1)));
        return imageToText.add(textToImage).div(scalar(logits, 2f));
    }

    /**
     * Cross-entropy of each image against every class prompt ({@link Batches#CLASSES}; CLIP-LoRA's loss):
     * the logits are the scaled cosines of the images with the class prompts, averaged over the images.
     *
     * @param imageFeatures projected image features, (N, D), not normalised
     * @param classFeatures projected features of one prompt per class, (C, D), not normalised
     * @param targets one-hot classes of the images, (N, C) row-major
     */
    public static NDArray classes(NDArray imageFeatures, NDArray classFeatures, NDArray logitScale, float[] targets) {
        NDArray images = ClipModel.normalize(imageFeatures);
        NDArray texts = ClipModel.normalize(classFeatures);
        NDArray logits = images.matMul(texts.transpose()).mul(logitScale.exp()); // (N, C)
        Shape shape = logits.getShape();
        NDArray oneHot = logits.getManager().create(targets, shape);
        return logits.logSoftmax(1).mul(oneHot).sum().div(scalar(logits, -shape.get(0)));
    }

    /** The loss of a square matrix of logits (images × texts) whose diagonal holds the true pairs. */
    public static NDArray fromLogits(NDArray logitsPerImage) {
        long n = logitsPerImage.getShape().get(0);
        NDArray diagonal = logitsPerImage.getManager().eye((int) n);
        NDArray imageToText = logitsPerImage.logSoftmax(1).mul(diagonal).sum();
        NDArray textToImage = logitsPerImage.logSoftmax(0).mul(diagonal).sum();
        return imageToText.add(textToImage).div(scalar(imageToText, -2f * n));
    }

    /**
     * A 0-d operand for the differentiable pass, in native memory. DJL's {@code x.div(2f)} wraps the
     * number in a tensor over a direct buffer released when the op returns while autograd keeps it for
     * the backward pass, which then reads freed memory after a garbage collection. It is float32 like
     * the loss (a double would promote a 0-d result to float64).
     */
    static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** The loss a model that cannot tell the pairs apart scores: {@code ln(batchSize)}. */
    public static double chance(int batchSize) {
        return Math.log(batchSize);
    }
}
