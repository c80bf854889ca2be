package dev.diagonal.train;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.image.Augmentation;
import java.util.List;
import java.util.Objects;

/**
 * What a run trains on and how the data reach the model.
 *
 * @param batchSize images per micro-batch
 * @param valFraction share of the training data split off for validation when no validation set is given
 * @param shots images per class to train on (0: all), few-shot style
 * @param augment training-image augmentations (parsed once; {@code toString()} is the spec in {@code run.json})
 * @param captionTemplates templates (each with {@code {}}) one of which wraps each training caption at each
 *     step, picked at random; empty: captions as given
 * @param cacheLimitMb keep preprocessed images in memory when they take less than this (float32)
 * @param batches how labelled data are batched (null: {@link Batches#FILL})
 */
public record DataSettings(int batchSize, double valFraction, int shots, Augmentation augment,
        List<String> captionTemplates, int cacheLimitMb, Batches batches) {

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public DataSettings {
        Setting.BATCH_SIZE.require(batchSize >= 2, "must be at least 2 (a contrastive batch needs pairs to tell apart), not "
                + batchSize);
        Setting.VAL_FRACTION.require(valFraction >= 0 && valFraction < 1, "must be in [0, 1), not " + valFraction);
        Setting.SHOTS.require(shots >= 0, "must not be negative (0: all), not " + shots);
        Setting.CACHE_LIMIT_MB.require(cacheLimitMb >= 0, "must not be negative, not " + cacheLimitMb);
        augment = Objects.requireNonNullElse(augment, Augmentation.NONE);
        batches = Objects.requireNonNullElse(batches, Batches.FILL);
        captionTemplates = captionTemplates == null ? List.of() : List.copyOf(captionTemplates);
        for (String template : captionTemplates) {
            Setting.CAPTION_TEMPLATES.require(template != null && template.contains(CaptionTemplates.PLACEHOLDER),
                    "must each hold " + CaptionTemplates.PLACEHOLDER + " where the caption goes; this one does not: \""
                            + template + "\"");
        }
    }
}
