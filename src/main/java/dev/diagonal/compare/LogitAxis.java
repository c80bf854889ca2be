package dev.diagonal.compare;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * An axis for accuracies on a logit scale, as in the CLIP and WiSE-FT robustness plots: data are given as
 * {@code logit(p)} (see {@link #logit}) and the ticks are labelled with round percentages.
 */
final class LogitAxis extends NumberAxis {

    /** Accuracies are clamped to [FLOOR, 1 − FLOOR] before the logit, so 0 % and 100 % stay on the chart. */
    static final double FLOOR = 0.001;

    private static final double[] TICKS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
        0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999};

    LogitAxis(String label) {
        super(label);
        setAutoRangeIncludesZero(false);
    }

    /** {@code ln(p / (1 − p))} of {@code p} clamped to [FLOOR, 1 − FLOOR]. */
    static double logit(double p) {
        double q = Math.min(1 - FLOOR, Math.max(FLOOR, p));
        return Math.log(q / (1 - q));
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<NumberTick> ticks = new ArrayList<>();
        for (double p : TICKS) {
            double at = logit(p);
            if (getRange().contains(at)) {
                ticks.add(new NumberTick(at, label(p), anchor(edge), TextAnchor.CENTER, 0.0));
            }
        }
        return ticks;
    }

    private static String label(double p) {
        double percent = p * 100;
        return percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f%%", percent)
                : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    private static TextAnchor anchor(RectangleEdge edge) {
        if (edge == RectangleEdge.LEFT) {
            return TextAnchor.CENTER_RIGHT;
        }
        if (edge == RectangleEdge.RIGHT) {
            return TextAnchor.CENTER_LEFT;
        }
        return edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
    }
}
