package dev.diagonal.train;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.eval.Retrieval;
import dev.diagonal.eval.Similarity;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.text.ClipTokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the model under training: zero-shot top-1/top-5 on the validation set (when it has labels;
 * class embeddings from the mean of the normalised features of {@link CaptionTemplates}' prompts),
 * image-text retrieval R@1/5/10 and mean rank both ways on the validation set, and the probe batch's
 * cosine similarity matrix with its mean diagonal, mean off-diagonal and top-1.
 */
final class Evaluator {

    /** The metric a run's best checkpoint is chosen by when the validation set has labels. */
    static final String ZERO_SHOT_TOP1 = "zeroshot_top1";
    /** The metric a run's best checkpoint is chosen by for caption-only data: mean R@1 of both directions. */
    static final String RECALL_AT_1 = "recall_at_1";

    /** One evaluation's numbers and the probe's matrix. */
    record Result(Map<String, Double> metrics, SimilaritySnapshot similarity) {}

    private final FeatureModel features;
    private final PixelLoader pixels;
    private final TrainingData val;
    private final int valOffset;
    private final Probe probe;
    private final List<String> classes;
    private final long[][] prompts;
    private final int templates;
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
        CaptionTemplates set = CaptionTemplates.defaults();
        this.templates = set.size();
        this.prompts = this.classes.stream().flatMap(c -> set.captionsFor(c).stream()).map(tokenizer::encode)
                .toArray(long[][]::new);
    }

    /** The metric to pick the best checkpoint by, or null when there is no validation set. */
    String selectionMetric() {
        if (!classes.isEmpty()) {
            return ZERO_SHOT_TOP1;
        }
        return val.size() >= 2 ? RECALL_AT_1 : null;
    }

    /** Evaluates the model as it is now, for step {@code step}. */
    Result evaluate(long step) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (val.size() >= 2) {
            float[][] images = valImages();
            float[][] texts = textFeatures(val.tokensRows());
            retrieval(metrics, images, texts);
            if (!classes.isEmpty()) {
                zeroShot(metrics, images);
            }
        }
        float[][] probeImages = features.images(pixels.request(probe.pixelIndices()).await(), probe.size());
        float[][] probeTexts = features.texts(probe.tokens());
        float[][] cosine = Similarity.cosine(probeImages, probeTexts);
        probeMetrics(metrics, cosine);
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

    private static void retrieval(Map<String, Double> metrics, float[][] images, float[][] texts) {
        Retrieval.Metrics r = Retrieval.compute(images, texts);
        metrics.put("image_to_text_r1", r.imageToTextR1());
        metrics.put("image_to_text_r5", r.imageToTextR5());
        metrics.put("image_to_text_r10", r.imageToTextR10());
        metrics.put("image_to_text_mean_rank", r.imageToTextMeanRank());
        metrics.put("text_to_image_r1", r.textToImageR1());
        metrics.put("text_to_image_r5", r.textToImageR5());
        metrics.put("text_to_image_r10", r.textToImageR10());
        metrics.put("text_to_image_mean_rank", r.textToImageMeanRank());
        metrics.put(RECALL_AT_1, (r.imageToTextR1() + r.textToImageR1()) / 2);
    }

    private void zeroShot(Map<String, Double> metrics, float[][] images) {
        float[][] promptFeatures = textFeatures(prompts);
        float[][] classFeatures = new float[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            float[] mean = new float[promptFeatures[0].length];
            for (int t = 0; t < templates; t++) {
                float[] unit = Similarity.normalized(promptFeatures[c * templates + t]);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += unit[i] / templates;
                }
            }
            classFeatures[c] = Similarity.normalized(mean);
        }
        float[][] cosine = Similarity.cosine(images, classFeatures);
        int top1 = 0;
        int top5 = 0;
        List<String> labels = val.labels();
        for (int i = 0; i < cosine.length; i++) {
            int truth = classes.indexOf(labels.get(i));
            int[] ranked = Similarity.argsortDescending(cosine[i]);
            top1 += ranked[0] == truth ? 1 : 0;
            for (int r = 0; r < Math.min(5, ranked.length); r++) {
                top5 += ranked[r] == truth ? 1 : 0;
            }
        }
        metrics.put(ZERO_SHOT_TOP1, (double) top1 / cosine.length);
        metrics.put("zeroshot_top5", (double) top5 / cosine.length);
    }

    private static void probeMetrics(Map<String, Double> metrics, float[][] cosine) {
        int n = cosine.length;
        double diagonal = 0;
        double off = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            diagonal += cosine[i][i];
            for (int j = 0; j < n; j++) {
                off += j == i ? 0 : cosine[i][j];
            }
            hits += Similarity.argsortDescending(cosine[i])[0] == i ? 1 : 0;
        }
        metrics.put("probe_diagonal", diagonal / n);
        metrics.put("probe_off_diagonal", n > 1 ? off / ((double) n * (n - 1)) : 0.0);
        metrics.put("probe_top1", (double) hits / n);
    }
}
