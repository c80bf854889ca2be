package dev.diagonal.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How labelled training data are cut into contrastive batches. Caption-only data are shuffled and cut
 * the same way in both modes.
 */
public enum Batches {
    /**
     * Batches fill to the batch size from any classes; the loss counts same-class pairs as positives
     * ({@link ContrastiveLoss#multiPositive}). The default until 2026-12-06.
     */
    FILL("fill"),
    /**
     * No two samples of one class share a batch, so every off-diagonal pair is a true negative; the batch
     * is capped at the number of classes. What Diagonal did before {@link #FILL}; old runs keep it.
     */
    ONE_PER_CLASS("one-per-class"),
    /**
     * Batches fill as in {@link #FILL}, and the text side holds one prompt for every class of the training
     * data, so each image's loss is cross-entropy over all classes ({@link ContrastiveLoss#classes}; CLIP-LoRA's
     * and CoOp's objective). Only for label-only data: data with captions of their own (or an unlabelled sample)
     * train on the captions as {@link #FILL}. The default.
     */
    CLASSES("classes");

    private final String key;

    Batches(String key) {
        this.key = key;
    }

    /** The name in {@code run.json} and on the command line. */
    @JsonValue
    public String key() {
        return key;
    }

    /**
     * The mode called {@code key}.
     *
     * @throws InvalidSettingException for {@link Setting#BATCHES} when there is none
     */
    @JsonCreator
    public static Batches parse(String key) {
        return Arrays.stream(values()).filter(b -> b.key.equals(key == null ? null : key.strip())).findFirst()
                .orElseThrow(() -> new InvalidSettingException(Setting.BATCHES, "must be one of "
                        + Arrays.stream(values()).map(Batches::key).collect(Collectors.joining(", ")) + ", not " + key));
    }

    @Override
    public String toString() {
        return key;
    }
}
