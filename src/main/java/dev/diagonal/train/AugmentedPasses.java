package dev.diagonal.train;

import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.image.Augmentation;
import dev.diagonal.image.UnreadableImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Raw image features of several augmented passes over a set of training images, for the methods that learn
 * on frozen features (Tip-Adapter's cache, the linear probe's extra views). Each image is decoded once; pass
 * {@code p} of image {@code i} is augmented from the seed, {@code p} and {@code i} alone, so a run repeats.
 *
 * @param features {@code features[p][i]}: raw features of pass {@code p} of the {@code i}-th readable image
 * @param samples the readable samples, in their original order (an unreadable one is left out, with a warning)
 */
record AugmentedPasses(float[][][] features, List<Sample> samples) {

    /** Hears progress: images done over images × passes. */
    interface Progress {
        void update(int done, int total);
    }

    static AugmentedPasses embed(Embedder embedder, List<Sample> images, Augmentation augmentation, int passes, long seed,
            int batchSize, Progress progress, BooleanSupplier cancelled, Consumer<String> warnings) {
        List<Sample> readable = new ArrayList<>();
        List<AugmentedImages.Decoded> decoded = new ArrayList<>();
        for (Sample sample : images) {
            try {
                decoded.add(AugmentedImages.decode(sample.image()));
                readable.add(sample);
            } catch (UnreadableImageException e) {
                warnings.accept("skipped unreadable train image " + sample.image() + ": " + e.reason());
            }
        }
        AugmentedImages augmented = new AugmentedImages(augmentation, embedder.processor(), seed);
        float[][][] raw = new float[passes][readable.size()][];
        int total = passes * readable.size();
        for (int p = 0; p < passes; p++) {
            for (int start = 0; start < readable.size(); start += batchSize) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled while embedding augmented images");
                }
                int end = Math.min(readable.size(), start + batchSize);
                float[][] pixels = new float[end - start][];
                for (int i = start; i < end; i++) {
                    pixels[i - start] = augmented.pixels(decoded.get(i), i, p);
                }
                float[][] features = embedder.embedPixels(pixels);
                System.arraycopy(features, 0, raw[p], start, features.length);
                progress.update(p * readable.size() + end, total);
            }
        }
        return new AugmentedPasses(raw, List.copyOf(readable));
    }
}
