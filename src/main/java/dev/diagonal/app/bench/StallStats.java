package dev.diagonal.app.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Durations in milliseconds (gaps between UI-thread pulses, scroll steps) and their summary. Thread-safe. */
public final class StallStats {

    private double[] values = new double[256];
    private int count;

    /** Adds one duration in milliseconds. */
    public synchronized void add(double millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    /** How many durations were added. */
    public synchronized int count() {
        return count;
    }

    /** The largest duration, 0 when there is none. */
    public synchronized double max() {
        return count == 0 ? 0 : Arrays.stream(values, 0, count).max().orElse(0);
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code percent} % of all values at
     * or below it; 0 when there is none.
     */
    public synchronized double percentile(double percent) {
        if (count == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    /** {@code count}, {@code median_ms}, {@code p90_ms}, {@code p99_ms}, {@code max_ms}, rounded to 0.1 ms. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count());
        summary.put("median_ms", round(percentile(50)));
        summary.put("p90_ms", round(percentile(90)));
        summary.put("p99_ms", round(percentile(99)));
        summary.put("max_ms", round(max()));
        return summary;
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
