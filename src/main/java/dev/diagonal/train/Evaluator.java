package dev.diagonal.train;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.eval.MetricNames;
import dev.diagonal.eval.Scores;
import dev.diagonal.eval.Similarity;
import dev.diagonal.eval.TextEncoder;
import dev.diagonal.eval.ZeroShot;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.text.ClipTokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the model under training with the one evaluation core ({@link Scores}, named by
 * {@link MetricNames}): zero-shot top-1/top-5 on the validation set (when it has labels; prompt ensemble
 * of {@link CaptionTemplates}' defaults), image-text retrieval R@1/5/10 and mean rank both ways on the
 * validation set, and the probe batch's cosine similarity matrix with its mean diagonal, mean
 * off-diagonal and top-1.
 */
final class Evaluator {


    /** One evaluation's numbers and the probe's matrix. */
    record Result(Map<String, Double> metrics, SimilaritySnapshot similarity) {}

    private final FeatureModel features;
    private final PixelLoader pixels;
    private final TrainingData val;
    private final int valOffset;
    private final Probe probe;
    private final List<String> classes;
    private final ClipTokenizer tokenizer;
    private final int batchSize;
    private final int padId;

    /**
     * @param val the validation data (may be empty), image {@code i} being {@code valOffset + i} in {@code pixels}
     * @param classes the class labels for zero-shot (empty: no zero-shot)
     */
    Evaluator(FeatureModel features, PixelLoader pixels, TrainingData val, int valOffset, Probe probe,
            List<String> classes, ClipTokenizer tokenizer, int batchSize) {
        this.features = features;
        this.pixels = pixels;
        this.val = val;
        this.valOffset = valOffset;
        this.probe = probe;
        this.batchSize = batchSize;
        this.padId = tokenizer.padTokenId();
        boolean zeroShot = classes.size() >= 2 && val.size() > 0 && val.labels().stream().allMatch(classes::contains);
        this.classes = zeroShot ? List.copyOf(classes) : List.of();
        this.tokenizer = tokenizer;
    }

    /** The metric to pick the best checkpoint by, or null when there is no validation set. */
    String selectionMetric() {
        if (!classes.isEmpty()) {
            return MetricNames.ZEROSHOT_TOP1;
        }
        return val.size() >= 2 ? MetricNames.RECALL_AT_1 : null;
    }

    /** Evaluates the model as it is now, for step {@code step}. */
    Result evaluate(long step) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (val.size() >= 2) {
            float[][] images = valImages();
            metrics.putAll(Scores.retrieval(images, textFeatures(val.tokensRows())));
            if (!classes.isEmpty()) {
                metrics.putAll(Scores.zeroShot(zeroShot(images)));
            }
        }
        float[][] probeImages = features.images(pixels.request(probe.pixelIndices()).await(), probe.size());
        float[][] probeTexts = features.texts(probe.tokens());
        float[][] cosine = Similarity.cosine(probeImages, probeTexts);
        metrics.putAll(Scores.probe(cosine));
        SimilaritySnapshot snapshot = new SimilaritySnapshot(step, probe.rowLabels(), probe.colLabels(), cosine,
                probe.imagePaths());
        return new Result(metrics, snapshot);
    }

    private float[][] valImages() {
        int chunks = (val.size() + batchSize - 1) / batchSize;
        Prefetcher prefetcher = new Prefetcher(pixels, c -> {
            int start = (int) c * batchSize;
            int end = Math.min(val.size(), start + batchSize);
            int[] indices = new int[end - start];
            Arrays.setAll(indices, i -> valOffset + start + i);
            return indices;
        }, 0, chunks, 2);
        float[][] out = new float[val.size()][];
        while (prefetcher.hasNext()) {
            Prefetcher.Batch batch = prefetcher.next();
            float[][] rows = features.images(batch.pixels(), batch.indices().length);
            System.arraycopy(rows, 0, out, (int) batch.position() * batchSize, rows.length);
        }
        return out;
    }

    private float[][] textFeatures(long[][] rows) {
        float[][] out = new float[rows.length][];
        for (int start = 0; start < rows.length; start += batchSize) {
            long[][] chunk = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
            float[][] part = features.texts(TrainingData.pad(chunk, padId));
            System.arraycopy(part, 0, out, start, part.length);
        }
        return out;
    }

    /** The validation images classified among the run's classes, as {@code evaluate} would with the default templates. */
    private ZeroShot.Result zeroShot(float[][] images) {
        TextEncoder encoder = (texts, size) -> textFeatures(texts.stream().map(tokenizer::encode).toArray(long[][]::new));
        List<String> labels = val.labels();
        int[] truth = labels.stream().mapToInt(classes::indexOf).toArray();
        return Scores.zeroShot(encoder, images, truth, labels, classes.stream().map(CaptionTemplates::className).toList(),
                CaptionTemplates.defaults().templates(), (float) features.logitScaleExp(), batchSize,
                new ZeroShot.Skipped(0, List.of()));
    }
}
