package dev.diagonal.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to adapt on what, and how.
 *
 * @param modelDir an HF CLIP model folder (config.json, weights, tokenizer files)
 * @param train the training data: an ImageFolder or a manifest (CSV/TSV/JSONL)
 * @param val validation data, or null to split some of {@code train} off
 * @param config the settings; its {@link TrainingConfig#method()} picks the {@link Method}
 */
public record TrainingRequest(Path modelDir, Path train, Path val, TrainingConfig config) {

    /** Checks the required parts. */
    public TrainingRequest {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(config, "config");
    }

    /** The same request with other settings (e.g. once {@code auto} values are picked). */
    public TrainingRequest with(TrainingConfig other) {
        return new TrainingRequest(modelDir, train, val, other);
    }
}
