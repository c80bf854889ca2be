package dev.diagonal.train;

import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.MetricsLog;
import java.util.Map;

/** How the methods without a training loop (linear probe, Tip-Adapter) record a step's numbers: as evaluations. */
final class MetricRecords {

    private MetricRecords() {}

    /** Appends {@code values} at {@code step} to {@code metrics.jsonl} and hands them to the listener. */
    static void log(MetricsLog metrics, TrainingListener listener, long step, Map<String, Double> values) {
        EvaluationEvent event = new EvaluationEvent(step, values);
        metrics.append(event);
        listener.onEvaluation(event);
    }

    /** Hands numbers to the listener only (e.g. embedding progress, which is not logged). */
    static void emit(TrainingListener listener, long step, Map<String, Double> values) {
        listener.onEvaluation(new EvaluationEvent(step, values));
    }
}
