package dev.diagonal.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An evaluation's numbers at a step (also what the methods without a training loop report, e.g. a probe's C sweep).
 *
 * @param step     the step evaluated
 * @param metrics  the measurements by name (e.g. {@code zeroshot_top1}), in the order reported
 * @param counters the numbers that count along the run rather than measure it ({@link RunEvents#isCounter}, e.g. a
 *                 Tip-Adapter epoch), kept so that the line is written back as it came
 */
public record EvaluationEvent(long step, Map<String, Double> metrics, Map<String, Double> counters) implements RunEvent {

    /** Moves any counter found among {@code metrics} to {@code counters}; both keep their order. */
    public EvaluationEvent {
        Map<String, Double> measured = new LinkedHashMap<>();
        Map<String, Double> counted = new LinkedHashMap<>(Objects.requireNonNull(counters, "counters"));
        Objects.requireNonNull(metrics, "metrics").forEach((key, value) -> {
            if (RunEvents.isCounter(key)) {
                counted.put(key, value);
            } else {
                measured.put(key, value);
            }
        });
        metrics = Collections.unmodifiableMap(measured);
        counters = Collections.unmodifiableMap(counted);
    }

    /** An evaluation of {@code values}, counters among them sorted out. */
    public EvaluationEvent(long step, Map<String, Double> values) {
        this(step, values, Map.of());
    }
}
