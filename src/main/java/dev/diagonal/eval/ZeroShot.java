package dev.diagonal.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Zero-shot classification as in the CLIP paper: each class is the renormalised mean of its
 * normalised text features over a prompt ensemble; each image goes to the class of highest cosine.
 */
public final class ZeroShot {

    private ZeroShot() {}

    /** One image's outcome. {@code score}: softmax probability of the predicted class. */
    public record Prediction(String image, String label, String predicted, double score) {}

    /** Accuracy of one class over its images. */
    public record ClassStats(int count, double top1, double top5) {}

    /**
     * Everything {@code ./diagonal zeroshot} reports; accuracies are fractions over the scored images
     * ({@code predictions}); images that could not be decoded are under {@code skipped}. In JSON the two
     * accuracies are under {@code metrics} with their {@link MetricNames} ({@code zeroshot_top1},
     * {@code zeroshot_top5}), as {@code evaluate} and {@code metrics.jsonl} name them.
     */
    @JsonPropertyOrder({"metrics", "classes", "per_class", "confusion", "predictions", "skipped"})
    public record Result(@JsonIgnore double top1, @JsonIgnore double top5, List<String> classes,
            @JsonProperty("per_class") Map<String, ClassStats> perClass,
            int[][] confusion, List<Prediction> predictions, Skipped skipped) {

        /** The accuracies under their canonical names. */
        @JsonProperty("metrics")
        public Map<String, Double> metrics() {
            return Scores.zeroShot(this);
        }
    }

    /** Images left out because they could not be decoded: how many, and their names as in {@code predictions}. */
    public record Skipped(int count, List<String> files) {

        /** The skipped images of {@code embedded}, named by {@code names} (by input index). */
        public static Skipped of(Embedder.Embedded embedded, List<String> names) {
            List<String> files = embedded.skipped().stream().map(s -> names.get(s.index())).toList();
            return new Skipped(files.size(), files);
        }

        /** One stderr line per skipped file, naming it and why. */
        public static List<String> warnings(Embedder.Embedded embedded, List<String> names) {
            return embedded.skipped().stream()
                    .map(s -> "skipped unreadable image " + names.get(s.index()) + ": " + s.reason()).toList();
        }
    }

    /** Class embeddings (rows, unit norm) from the prompt ensemble: {@code template} holds one {@code {}}. */
    public static float[][] classifier(TextEncoder encoder, List<String> classNames, List<String> templates, int batchSize) {
        List<String> prompts = new ArrayList<>();
        for (String name : classNames) {
            for (String template : templates) {
                prompts.add(template.replace("{}", name));
            }
        }
        float[][] features = encoder.embedTexts(prompts, batchSize);
        float[][] classes = new float[classNames.size()][];
        for (int c = 0; c < classNames.size(); c++) {
            float[] mean = new float[features[0].length];
            for (int t = 0; t < templates.size(); t++) {
                float[] unit = Similarity.normalized(features[c * templates.size() + t]);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += unit[i] / templates.size();
                }
            }
            classes[c] = Similarity.normalized(mean);
        }
        return classes;
    }

    /**
     * Classifies {@code images} (with true class indices {@code labels}) among {@code classNames}.
     * {@code imageNames} label the predictions; {@code progress} hears the images done.
     */
    public static Result evaluate(Embedder embedder, List<java.nio.file.Path> images, List<String> imageNames,
            int[] labels, List<String> classNames, List<String> templates, int batchSize, IntConsumer progress) {
        return evaluate(embedder, images, imageNames, labels, classNames, templates, batchSize, progress, w -> {});
    }

    /**
     * As {@link #evaluate(Embedder, List, List, int[], List, List, int, IntConsumer)}; images that cannot be
     * decoded are skipped, listed under {@code skipped} and each named to {@code warnings}.
     */
    public static Result evaluate(Embedder embedder, List<java.nio.file.Path> images, List<String> imageNames,
            int[] labels, List<String> classNames, List<String> templates, int batchSize, IntConsumer progress,
            Consumer<String> warnings) {
        Embedder.Embedded embedded = embedder.embedReadable(images, batchSize, progress);
        Skipped.warnings(embedded, imageNames).forEach(warnings);
        return Scores.zeroShot(embedder, embedded.features(), keep(labels, embedded.kept()), keep(imageNames, embedded.kept()),
                classNames, templates, embedder.logitScaleExp(), batchSize, Skipped.of(embedded, imageNames));
    }

    /** The entries of {@code list} at {@code indices}. */
    static <T> List<T> keep(List<T> list, int[] indices) {
        List<T> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(list.get(i));
        }
        return out;
    }

    static int[] keep(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** Scores a cosine matrix (images × classes) against the true labels, with nothing skipped. */
    static Result score(float[][] cosine, float logitScale, List<String> imageNames, int[] labels, List<String> classNames) {
        return score(cosine, logitScale, imageNames, labels, classNames, new Skipped(0, List.of()));
    }

    /** Scores a cosine matrix (images × classes) against the true labels. */
    static Result score(float[][] cosine, float logitScale, List<String> imageNames, int[] labels, List<String> classNames,
            Skipped skipped) {
        int n = cosine.length;
        int k = classNames.size();
        int[][] confusion = new int[k][k];
        int[] count = new int[k];
        int[] hit1 = new int[k];
        int[] hit5 = new int[k];
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] ranked = Similarity.argsortDescending(cosine[i]);
            int truth = labels[i];
            int best = ranked[0];
            confusion[truth][best]++;
            count[truth]++;
            if (best == truth) {
                hit1[truth]++;
            }
            for (int r = 0; r < Math.min(5, k); r++) {
                if (ranked[r] == truth) {
                    hit5[truth]++;
                }
            }
            double probability = Similarity.softmax(cosine[i], logitScale)[best];
            predictions.add(new Prediction(imageNames.get(i), classNames.get(truth), classNames.get(best), probability));
        }
        Map<String, ClassStats> perClass = new LinkedHashMap<>();
        int total1 = 0;
        int total5 = 0;
        for (int c = 0; c < k; c++) {
            total1 += hit1[c];
            total5 += hit5[c];
            perClass.put(classNames.get(c), new ClassStats(count[c],
                    count[c] == 0 ? 0 : (double) hit1[c] / count[c], count[c] == 0 ? 0 : (double) hit5[c] / count[c]));
        }
        double top1 = n == 0 ? 0 : (double) total1 / n;
        double top5 = n == 0 ? 0 : (double) total5 / n;
        return new Result(top1, top5, List.copyOf(classNames), perClass, confusion, predictions, skipped);
    }
}
