package dev.diagonal.train;

import dev.diagonal.eval.MetricNames;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation's metrics as one readable line, the same on the console and in the workbench: zero-shot
 * top-1/top-5, retrieval R@1 both ways and the probe's mean diagonal and off-diagonal similarity, in that
 * order; metrics outside that set (a linear probe's, say) are listed by name when none of it is there.
 */
public final class EvaluationLine {

    private EvaluationLine() {}

    /** E.g. {@code "zero-shot top-1 0.250 top-5 0.625 | R@1 image->text 0.400 text->image 0.350 | probe diagonal 0.71 …"}. */
    public static String describe(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        append(text, metrics, MetricNames.ZEROSHOT_TOP1, "zero-shot top-1 %.3f");
        append(text, metrics, MetricNames.ZEROSHOT_TOP5, " top-5 %.3f");
        append(text, metrics, MetricNames.IMAGE_TO_TEXT_R1, " | R@1 image->text %.3f");
        append(text, metrics, MetricNames.TEXT_TO_IMAGE_R1, " text->image %.3f");
        append(text, metrics, MetricNames.PROBE_DIAGONAL, " | probe diagonal %.3f");
        append(text, metrics, MetricNames.PROBE_OFF_DIAGONAL, " off-diagonal %.3f");
        if (text.length() == 0) {
            new TreeMap<>(metrics).forEach((key, value) -> text.append(String.format(Locale.ROOT, " %s %.4g", key, value)));
        }
        String line = text.toString().strip();
        return line.startsWith("| ") ? line.substring(2) : line;
    }

    private static void append(StringBuilder text, Map<String, Double> metrics, String key, String format) {
        Double value = metrics.get(key);
        if (value != null) {
            text.append(String.format(Locale.ROOT, format, value));
        }
    }
}
