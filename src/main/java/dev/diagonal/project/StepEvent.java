package dev.diagonal.project;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One optimizer step.
 *
 * @param step            optimizer steps done so far (1 after the first step)
 * @param epoch           the epoch the step belongs to; NaN when unknown
 * @param loss            the step's mean loss over its micro-batches
 * @param lr              the learning rate the step used; NaN when unknown
 * @param logitScale      {@code exp(logit_scale)} after the step; NaN when unknown
 * @param imagesPerSecond training images per second over the step; NaN when unknown
 * @param eta             estimated time to the end of training; {@link Duration#ZERO} when unknown (live only:
 *                        not written to {@code metrics.jsonl})
 * @param extra           further numbers logged with the step (e.g. an imported run's {@code grad_norm}), by name
 */
public record StepEvent(long step, double epoch, double loss, double lr, double logitScale, double imagesPerSecond,
        Duration eta, Map<String, Double> extra) implements RunEvent {

    /** Null eta becomes zero; {@code extra} is copied, keeping its order. */
    public StepEvent {
        eta = eta == null ? Duration.ZERO : eta;
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extra, "extra")));
    }

    /** A step with no extra numbers. */
    public StepEvent(long step, double epoch, double loss, double lr, double logitScale, double imagesPerSecond,
            Duration eta) {
        this(step, epoch, loss, lr, logitScale, imagesPerSecond, eta, Map.of());
    }

    /** {@code loss}, then {@code lr}, {@code logit_scale}, {@code images_per_second} where known, then the extras. */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RunEvents.LOSS, loss);
        putKnown(metrics, RunEvents.LR, lr);
        putKnown(metrics, RunEvents.LOGIT_SCALE, logitScale);
        putKnown(metrics, RunEvents.IMAGES_PER_SECOND, imagesPerSecond);
        extra.forEach((key, value) -> {
            if (!RunEvents.isCounter(key)) {
                metrics.putIfAbsent(key, value);
            }
        });
        return metrics;
    }

    private static void putKnown(Map<String, Double> metrics, String key, double value) {
        if (!Double.isNaN(value)) {
            metrics.put(key, value);
        }
    }
}
