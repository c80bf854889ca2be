package dev.diagonal.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one evaluation core: turns features into the numbers named by {@link MetricNames}. Training-time
 * evaluation ({@code train.Evaluator}), {@code evaluate}, {@code zeroshot}, the WiSE-FT sweep and the
 * workbench all score through here, so the same model on the same data gives the same numbers everywhere.
 */
public final class Scores {

    private Scores() {}

    /**
     * Zero-shot classification of image features among classes given by name: the prompt-ensemble
     * classifier of {@link ZeroShot#classifier}, then {@link ZeroShot#score}.
     *
     * @param truth per image, the index of its true class in {@code classNames}
     * @param imageNames per image, its name in the predictions
     */
    public static ZeroShot.Result zeroShot(TextEncoder encoder, float[][] images, int[] truth, List<String> imageNames,
            List<String> classNames, List<String> templates, float logitScale, int batchSize, ZeroShot.Skipped skipped) {
        float[][] classes = ZeroShot.classifier(encoder, classNames, templates, batchSize);
        return ZeroShot.score(Similarity.cosine(images, classes), logitScale, imageNames, truth, classNames, skipped);
    }

    /** {@link MetricNames#ZEROSHOT_TOP1} and {@link MetricNames#ZEROSHOT_TOP5} of a zero-shot result. */
    public static Map<String, Double> zeroShot(ZeroShot.Result result) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricNames.ZEROSHOT_TOP1, result.top1());
        out.put(MetricNames.ZEROSHOT_TOP5, result.top5());
        return out;
    }

    /** Image–text retrieval of image {@code i} paired with caption {@code i}: every name of {@link MetricNames#RETRIEVAL}. */
    public static Map<String, Double> retrieval(float[][] images, float[][] texts) {
        Retrieval.Metrics r = Retrieval.compute(images, texts);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricNames.IMAGE_TO_TEXT_R1, r.imageToTextR1());
        out.put(MetricNames.IMAGE_TO_TEXT_R5, r.imageToTextR5());
        out.put(MetricNames.IMAGE_TO_TEXT_R10, r.imageToTextR10());
        out.put(MetricNames.IMAGE_TO_TEXT_MEAN_RANK, r.imageToTextMeanRank());
        out.put(MetricNames.TEXT_TO_IMAGE_R1, r.textToImageR1());
        out.put(MetricNames.TEXT_TO_IMAGE_R5, r.textToImageR5());
        out.put(MetricNames.TEXT_TO_IMAGE_R10, r.textToImageR10());
        out.put(MetricNames.TEXT_TO_IMAGE_MEAN_RANK, r.textToImageMeanRank());
        out.put(MetricNames.RECALL_AT_1, (r.imageToTextR1() + r.textToImageR1()) / 2);
        return out;
    }

    /** Retrieval of images against their captions, embedded by {@code encoder}. */
    public static Map<String, Double> retrieval(TextEncoder encoder, float[][] images, List<String> captions, int batchSize) {
        return retrieval(images, encoder.embedTexts(captions, batchSize));
    }

    /**
     * The probe batch's numbers from its cosine matrix (image {@code i} × caption {@code j}): mean diagonal,
     * mean off-diagonal and the share of rows whose diagonal is the highest.
     */
    public static Map<String, Double> probe(float[][] cosine) {
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
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricNames.PROBE_DIAGONAL, diagonal / n);
        out.put(MetricNames.PROBE_OFF_DIAGONAL, n > 1 ? off / ((double) n * (n - 1)) : 0.0);
        out.put(MetricNames.PROBE_TOP1, (double) hits / n);
        return out;
    }

    /** A trained classifier's top-1 and top-5 under {@code top1Name} and {@code top5Name}. */
    public static Map<String, Double> classifier(LinearProbeMetrics metrics, String top1Name, String top5Name) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(top1Name, metrics.top1());
        out.put(top5Name, metrics.top5());
        return out;
    }
}
