package dev.diagonal.train;

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
        append(text, metrics, "zeroshot_top1", "zero-shot top-1 %.3f");
        append(text, metrics, "zeroshot_top5", " top-5 %.3f");
        append(text, metrics, "image_to_text_r1", " | R@1 image->text %.3f");
        append(text, metrics, "text_to_image_r1", " text->image %.3f");
        append(text, metrics, "probe_diagonal", " | probe diagonal %.3f");
        append(text, metrics, "probe_off_diagonal", " off-diagonal %.3f");
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
