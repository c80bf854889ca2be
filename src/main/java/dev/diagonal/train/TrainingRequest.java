package dev.diagonal.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to fine-tune on what, and where the run goes.
 *
 * @param modelDir an HF CLIP model folder (config.json, weights, tokenizer files)
 * @param train the training data: an ImageFolder or a manifest (CSV/TSV/JSONL)
 * @param val validation data, or null to split off {@link TrainingConfig#valFraction()} of {@code train}
 * @param runDir the run folder to create (it must not exist, or be empty)
 * @param config the hyperparameters
 */
public record TrainingRequest(Path modelDir, Path train, Path val, Path runDir, TrainingConfig config) {

    /** Checks the required parts. */
    public TrainingRequest {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(config, "config");
    }
}
