package dev.diagonal.app.runs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One metric of one run over steps, read from {@code metrics.jsonl} records.
 *
 * @param run    the run id
 * @param metric the metric name
 * @param steps  x values: the record's {@code step}, or its position when it has none
 * @param values y values (NaN kept out)
 */
public record Curve(String run, String metric, double[] steps, double[] values) {

    /** Keys that count along a run rather than measure it. */
    static final Set<String> COUNTERS = Set.of("step", "epoch", "time", "timestamp", "wall", "elapsed");

    /** The numeric metric names in the records, in first-seen order. */
    public static List<String> metricNames(List<Map<String, Object>> records) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> record : records) {
            record.forEach((key, value) -> {
                if (value instanceof Number && !COUNTERS.contains(key)) {
                    names.add(key);
                }
            });
        }
        return List.copyOf(names);
    }

    /** The curve of {@code metric} in the records of {@code run}; records without it are skipped. */
    public static Curve of(String run, String metric, List<Map<String, Object>> records) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> record = records.get(i);
            if (record.get(metric) instanceof Number value && Double.isFinite(value.doubleValue())) {
                double x = record.get("step") instanceof Number step ? step.doubleValue() : i;
                points.add(new double[] {x, value.doubleValue()});
            }
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new Curve(run, metric, xs, ys);
    }

    /** How many points the curve has. */
    public int size() {
        return steps.length;
    }
}
