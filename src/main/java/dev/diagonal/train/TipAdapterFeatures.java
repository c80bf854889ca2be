package dev.diagonal.train;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.LinearProbeData;
import dev.diagonal.eval.TipAdapter;
import dev.diagonal.eval.ZeroShot;
import dev.diagonal.image.Augmentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The frozen features Tip-Adapter works on, computed once and kept in memory: the zero-shot head, every
 * augmented pass over the training images (L2-normalised), the cache keys (the normalised mean of the
 * raw features over the passes, as the reference's {@code build_cache_model}) and the validation features.
 *
 * @param clipWeights class text embeddings, unit rows, in label order
 * @param passFeatures normalised training features of each augmented pass
 * @param keys the training-free cache keys
 * @param val normalised validation features (no augmentation)
 * @param trainLabels class index of each training image
 * @param valLabels class index of each row of {@code val}
 *
 * <p>An image that cannot be decoded (changed since validation) is left out, with a warning.
 */
record TipAdapterFeatures(float[][] clipWeights, float[][][] passFeatures, float[][] keys, float[][] val, int[] trainLabels,
        int[] valLabels) {

    /** Hears embedding progress of a split ({@code train} counts images × passes). */
    interface Progress {
        void update(String split, int done, int total);
    }

    static TipAdapterFeatures compute(Embedder embedder, LinearProbeData data, List<String> templates,
            Augmentation augmentation, int passes, TrainingConfig config, Progress progress, BooleanSupplier cancelled,
            Consumer<String> warnings) {
        int batchSize = config.data().batchSize();
        List<String> classNames = data.labels().stream().map(CaptionTemplates::className).toList();
        float[][] clipWeights = ZeroShot.classifier(embedder, classNames, templates, batchSize);
        AugmentedPasses passed = AugmentedPasses.embed(embedder, data.train(), augmentation, passes, config.seed(), batchSize,
                (done, total) -> progress.update("train", done, total), cancelled, warnings);
        float[][][] raw = passed.features();
        List<Sample> train = passed.samples();
        List<Path> valImages = data.val().stream().map(Sample::image).toList();
        Embedder.Embedded embedded = embedder.embedReadable(valImages, batchSize, done -> {
            progress.update("val", done, valImages.size());
            if (done < valImages.size() && cancelled.getAsBoolean()) {
                throw new CancellationException("Tip-Adapter cancelled");
            }
        });
        for (Embedder.SkippedImage skipped : embedded.skipped()) {
            warnings.accept("skipped unreadable val image " + skipped.file() + ": " + skipped.reason());
        }
        float[][] val = embedded.features();
        List<Sample> keptVal = new ArrayList<>();
        for (int i : embedded.kept()) {
            keptVal.add(data.val().get(i));
        }
        float[][][] normalised = new float[passes][][];
        for (int p = 0; p < passes; p++) {
            normalised[p] = TipAdapter.normalizedRows(raw[p]);
        }
        return new TipAdapterFeatures(clipWeights, normalised, meanKeys(raw), TipAdapter.normalizedRows(val),
                data.indices(train), data.indices(keptVal));
    }

    /** The normalised mean over passes of each row. */
    static float[][] meanKeys(float[][][] raw) {
        int n = raw[0].length;
        float[][] mean = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] sum = new float[raw[0][i].length];
            for (float[][] pass : raw) {
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += pass[i][d] / raw.length;
                }
            }
            mean[i] = sum;
        }
        return TipAdapter.normalizedRows(mean);
    }

    int passes() {
        return passFeatures.length;
    }

    float[][] pass(int p) {
        return passFeatures[p];
    }

    /** The training-free classifier (α = β = 1 until the search sets them). */
    TipAdapter trainingFree(List<String> labels) {
        return new TipAdapter(keys, TipAdapter.oneHot(trainLabels, labels.size()), clipWeights, 1, 1, labels);
    }
}
