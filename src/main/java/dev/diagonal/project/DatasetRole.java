package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a dataset of a project is used for; written in lower case in {@code diagonal-project.json}. */
public enum DatasetRole {
    /** Training data. */
    @JsonProperty("train") TRAIN,
    /** Validation data, watched during training (early stopping, best checkpoint). */
    @JsonProperty("val") VAL,
    /** Held-out test data, looked at once at the end. */
    @JsonProperty("test") TEST,
    /** A benchmark for evaluation only (zero-shot, retrieval). */
    @JsonProperty("eval") EVAL
}
