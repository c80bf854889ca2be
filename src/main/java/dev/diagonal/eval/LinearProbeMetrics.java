package dev.diagonal.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How well a {@link LinearProbe} classifies labelled images. Accuracies are fractions. Serialises
 * to JSON with the key names of {@code ./diagonal zeroshot} (plus {@code log_loss}).
 *
 * @param top1 share of images whose most probable class is the true one
 * @param top5 share whose true class is among the five most probable
 * @param logLoss mean negative log probability of the true class (probabilities floored at 1e-15)
 * @param classes class names, in label-index order
 * @param perClass count and accuracy per class, in {@code classes} order
 * @param confusion {@code confusion[true][predicted]} image counts
 */
@JsonPropertyOrder({"top1", "top5", "log_loss", "classes", "per_class", "confusion"})
public record LinearProbeMetrics(double top1, double top5, @JsonProperty("log_loss") double logLoss,
        List<String> classes, @JsonProperty("per_class") Map<String, ZeroShot.ClassStats> perClass,
        int[][] confusion) {

    private static final double FLOOR = 1e-15;

    /** Metrics of class probabilities (one row per image, {@code classes} order) against the true labels. */
    public static LinearProbeMetrics compute(double[][] probabilities, int[] labels, List<String> classes) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " rows but " + labels.length + " labels");
        }
        int k = classes.size();
        int[][] confusion = new int[k][k];
        int[] count = new int[k];
        int[] hit1 = new int[k];
        int[] hit5 = new int[k];
        double logLoss = 0;
        for (int i = 0; i < labels.length; i++) {
            int[] ranked = ranked(probabilities[i]);
            int truth = labels[i];
            confusion[truth][ranked[0]]++;
            count[truth]++;
            hit1[truth] += ranked[0] == truth ? 1 : 0;
            for (int r = 0; r < Math.min(5, k); r++) {
                hit5[truth] += ranked[r] == truth ? 1 : 0;
            }
            logLoss -= Math.log(Math.max(FLOOR, probabilities[i][truth]));
        }
        Map<String, ZeroShot.ClassStats> perClass = new LinkedHashMap<>();
        int total1 = 0;
        int total5 = 0;
        for (int c = 0; c < k; c++) {
            total1 += hit1[c];
            total5 += hit5[c];
            perClass.put(classes.get(c), new ZeroShot.ClassStats(count[c],
                    count[c] == 0 ? 0 : (double) hit1[c] / count[c], count[c] == 0 ? 0 : (double) hit5[c] / count[c]));
        }
        int n = labels.length;
        return new LinearProbeMetrics(n == 0 ? 0 : (double) total1 / n, n == 0 ? 0 : (double) total5 / n,
                n == 0 ? 0 : logLoss / n, List.copyOf(classes), perClass, confusion);
    }

    /** Class indices from the most probable down (ties: lower index first). */
    private static int[] ranked(double[] p) {
        return IntStream.range(0, p.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}
