package dev.diagonal.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link LinearProbeSweep}.
 *
 * @param probe the probe trained with the chosen C
 * @param bestC the chosen C
 * @param sweep every C tried with its validation scores, in ascending C
 * @param val the chosen probe's metrics on the validation split
 */
public record LinearProbeFit(LinearProbe probe, double bestC, List<LinearProbeSweep.Point> sweep,
        LinearProbeMetrics val) {

    /** Copies the sweep. */
    public LinearProbeFit {
        sweep = List.copyOf(sweep);
    }

    /** Validation top-1 for each C tried, in ascending C. */
    public Map<Double, Double> valTop1ByC() {
        Map<Double, Double> out = new LinkedHashMap<>();
        sweep.forEach(point -> out.put(point.c(), point.valTop1()));
        return out;
    }
}
