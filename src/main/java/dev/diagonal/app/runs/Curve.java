package dev.diagonal.app.runs;

import dev.diagonal.project.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One metric of one run over steps, read from the run's events: the {@link RunEvent#metrics()} of its steps and
 * evaluations (counters such as {@code epoch} are never curves; a session's summary is not a point).
 *
 * @param run    the run id
 * @param metric the metric name
 * @param steps  x values: the event's step, or its position when it names none
 * @param values y values (NaN kept out)
 */
public record Curve(String run, String metric, double[] steps, double[] values) {

    /** The metric names in the events, in first-seen order. */
    public static List<String> metricNames(List<RunEvent> events) {
        Set<String> names = new LinkedHashSet<>();
        for (RunEvent event : events) {
            names.addAll(event.metrics().keySet());
        }
        return List.copyOf(names);
    }

    /** The curve of {@code metric} in the events of {@code run}; events without it are skipped. */
    public static Curve of(String run, String metric, List<RunEvent> events) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            Double value = event.metrics().get(metric);
            if (value != null && Double.isFinite(value)) {
                points.add(new double[] {event.hasStep() ? event.step() : i, value});
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
