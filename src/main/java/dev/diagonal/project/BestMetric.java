package dev.diagonal.project;

/**
 * The best value of the metric a run selects its best checkpoint by.
 *
 * @param name  metric name as logged in {@code metrics.jsonl} (e.g. {@code val/recall@1})
 * @param value its best value
 * @param step  the step it was reached at; null if unknown
 */
public record BestMetric(String name, double value, Long step) {

    /** Whether the best is the model training started from (step 0): no later evaluation beat it. */
    public boolean fromStart() {
        return step != null && step == 0;
    }
}
