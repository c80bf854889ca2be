package dev.diagonal.train;

import dev.diagonal.project.MetricsLog;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the methods without a training loop (linear probe, Tip-Adapter) record a step's numbers. */
final class MetricRecords {

    private MetricRecords() {}

    /** Appends {@code values} at {@code step} to {@code metrics.jsonl} and hands them to the listener. */
    static void log(MetricsLog metrics, TrainingListener listener, long step, Map<String, Double> values) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.putAll(values);
        metrics.append(record);
        emit(listener, step, values);
    }

    /**
     * Hands numeric metrics to the listener whether its map parameter is typed {@code Map<String, Double>}
     * or {@code Map<String, Object>} (the values are Doubles either way).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void emit(TrainingListener listener, long step, Map<String, Double> values) {
        listener.onEvaluation(step, (Map) values);
    }
}
