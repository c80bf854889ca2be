package dev.diagonal.eval;

import java.util.List;

/**
 * Turns texts into text features (projected, not normalised): a loaded model ({@link Embedder}) or the
 * model under training, so that zero-shot classifiers and retrieval are built one way for both.
 */
@FunctionalInterface
public interface TextEncoder {

    /** Text features in input order, {@code batchSize} texts per forward pass. */
    float[][] embedTexts(List<String> texts, int batchSize);
}
