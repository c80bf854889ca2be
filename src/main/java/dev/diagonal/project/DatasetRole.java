package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What a dataset of a project is used for; written in lower case in {@code diagonal-project.json}. Test and
 * shift sets are {@linkplain #heldOut() held out}: training refuses them as training or validation data, so
 * they never take part in model selection, hyperparameter search, the LR range test or Tip-Adapter's α/β
 * search (see docs/evaluation.md).
 */
public enum DatasetRole {
    /** Training data. */
    @JsonProperty("train") TRAIN,
    /** Validation data, watched during training (early stopping, best checkpoint, searches). */
    @JsonProperty("val") VAL,
    /** Held-out test data from the training distribution, looked at once at the end. */
    @JsonProperty("test") TEST,
    /** A benchmark for evaluation only (zero-shot, retrieval). */
    @JsonProperty("eval") EVAL,
    /** A named out-of-distribution set (distribution shift), for evaluation only. */
    @JsonProperty("shift") SHIFT;

    /** True for test and shift sets: evaluation only, never used to choose or tune a model. */
    public boolean heldOut() {
        return this == TEST || this == SHIFT;
    }

    /** The name as written in the project file ({@code train}, {@code val}, {@code test}, {@code eval}, {@code shift}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
