package dev.diagonal.train;

import dev.diagonal.image.Augmentation;
import dev.diagonal.image.ClipImageProcessor;
import dev.diagonal.image.ImageLoader;
import dev.diagonal.image.RgbImage;
import java.nio.file.Path;

/**
 * Training images under an {@link Augmentation}: each is decoded once (colours and alpha) and augmented
 * afresh, then preprocessed, every time a batch asks for it. The augmentation of a sample depends only
 * on the run's seed, the micro-batch position and the sample ({@link RandomStreams}).
 */
final class AugmentedImages {

    /** A decoded image: its RGB samples and alpha (null when opaque). */
    record Decoded(RgbImage rgb, byte[] alpha) {
        long bytes() {
            return rgb.data().length + (alpha == null ? 0 : alpha.length);
        }
    }

    private final Augmentation augmentation;
    private final ClipImageProcessor processor;
    private final long seed;

    AugmentedImages(Augmentation augmentation, ClipImageProcessor processor, long seed) {
        this.augmentation = augmentation;
        this.processor = processor;
        this.seed = seed;
    }

    /** Decodes an image file. */
    static Decoded decode(Path file) {
        RgbImage rgb = ImageLoader.readRgb(file);
        byte[] alpha = ImageLoader.readAlpha(file);
        if (alpha != null && alpha.length != rgb.width() * rgb.height()) {
            alpha = null; // oriented by EXIF: no alpha formats carry EXIF orientation here, so never expected
        }
        return new Decoded(rgb, alpha);
    }

    /** The preprocessed pixels of sample {@code index}, augmented for micro-batch {@code position}. */
    float[] pixels(Decoded image, int index, long position) {
        RgbImage augmented = augmentation.apply(image.rgb(), image.alpha(), RandomStreams.of(seed, position, index));
        return processor.preprocess(augmented);
    }
}
