package dev.diagonal.app.runs;

import dev.diagonal.app.common.Formats;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunSummary;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A run in the history table, with its columns as text.
 *
 * @param summary what {@code RunStore} says about the run
 */
public record RunRow(RunSummary summary) {

    public String id() {
        return summary.id();
    }

    public String method() {
        return summary.method() == null ? "?" : summary.method();
    }

    /** The status in lower case, with the message for failures. */
    public String status() {
        String status = summary.status().name().toLowerCase(Locale.ROOT);
        return summary.message() == null || summary.message().isBlank() ? status : status + ": " + summary.message();
    }

    /** {@code lr=1e-05, batchSize=32, …} */
    public String hyperparameters() {
        return summary.keyHyperparameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** {@code val/top1 0.8123 @ 400}, or empty. */
    public String best() {
        BestMetric best = summary.bestMetric();
        return best == null ? "" : best.name() + " " + Formats.number(best.value()) + (best.step() == null ? "" : " @ " + best.step());
    }

    public String duration() {
        return Formats.duration(summary.duration());
    }

    public String started() {
        return Formats.time(summary.startedAt());
    }
}
