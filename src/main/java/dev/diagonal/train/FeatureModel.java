package dev.diagonal.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.eval.Embedder;
import dev.diagonal.text.TokenBatch;

/** The model under training seen as a feature extractor (no gradients), and its input shapes. */
final class FeatureModel {

    private final ClipModel model;
    private final NDManager manager;
    private final int channels;
    private final int size;

    FeatureModel(ClipModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
        this.channels = model.config().vision().numChannels();
        this.size = model.config().vision().imageSize();
    }

    ClipModel model() {
        return model;
    }

    NDManager manager() {
        return manager;
    }

    /** Floats per preprocessed image (C × H × W). */
    int valuesPerImage() {
        return channels * size * size;
    }

    /** The pixel array of {@code count} images given back to back. */
    NDArray pixels(float[] flat, int count) {
        return manager.create(flat, new Shape(count, channels, size, size));
    }

    /** Image features (projected, not normalised) of {@code count} preprocessed images. */
    float[][] images(float[] flat, int count) {
        try (NDScope scope = new NDScope()) {
            return Embedder.rows(model.imageFeatures(pixels(flat, count)));
        }
    }

    /** Text features (projected, not normalised) of padded token ids. */
    float[][] texts(TokenBatch tokens) {
        try (NDScope scope = new NDScope()) {
            NDArray ids = manager.create(tokens.inputIds());
            NDArray mask = manager.create(tokens.attentionMask());
            return Embedder.rows(model.textFeatures(ids, mask));
        }
    }

    /** {@code exp(logit_scale)}. */
    double logitScaleExp() {
        return Math.exp(model.logitScale().getFloat());
    }
}
