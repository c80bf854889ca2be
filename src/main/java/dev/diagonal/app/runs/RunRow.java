package dev.diagonal.app.runs;

import dev.diagonal.app.common.Formats;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunSummary;
import dev.diagonal.train.Methods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * {@code lr=1e-05, epochs=5, …}: the key hyperparameters, with each method's own (LoRA's rank, alpha and
     * targets instead of the freeze it ignores; the shots of the probe and the caches; Tip-Adapter-F's epochs
     * and learning rate).
     */
    public String hyperparameters() {
        Map<String, Object> all = summary.hyperparameters();
        Map<String, Object> key = new LinkedHashMap<>(summary.keyHyperparameters());
        String method = method();
        if (method.equals(Methods.LORA)) {
            key.remove("freeze");
            copy(all, key, List.of("lora_rank", "lora_alpha", "lora_dropout", "lora_targets"));
        } else if (method.equals(Methods.LINEAR_PROBE) || method.startsWith(Methods.TIP_ADAPTER)) {
            copy(all, key, List.of("shots"));
            if (all.get("fine_tune") instanceof Map<?, ?> fineTune) {
                for (String name : List.of("epochs", "lr")) {
                    if (fineTune.get(name) != null) {
                        key.put(name, fineTune.get(name));
                    }
                }
            }
        }
        return key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, List<String> names) {
        for (String name : names) {
            if (from.containsKey(name)) {
                to.put(name, from.get(name));
            }
        }
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
