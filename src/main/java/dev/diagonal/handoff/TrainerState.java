package dev.diagonal.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.OtherEvent;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.StepEvent;
import dev.diagonal.project.SummaryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of transformers' {@code trainer_state.json} a Diagonal run needs: the last step and
 * {@code log_history} turned into Diagonal's run events (training steps, evaluations, the summary) for {@code metrics.jsonl}.
 *
 * @param globalStep the Trainer's {@code global_step}
 * @param records the log's entries as run events, in log order
 */
public record TrainerState(long globalStep, List<RunEvent> records) {

    /** The file's name in a Trainer's output folder. */
    public static final String FILE = "trainer_state.json";

    /**
     * Reads and converts the file.
     *
     * @throws DiagonalException naming the file and the field at fault
     */
    public static TrainerState read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException(file + " is missing: train.py writes it when training ends (did the job finish?)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DiagonalException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DiagonalException(file + ": expected a JSON object");
        }
        JsonNode step = root.get("global_step");
        if (step == null || !step.canConvertToLong() || step.asLong() < 0) {
            throw new DiagonalException(file + ": global_step must be a whole number, not " + step);
        }
        JsonNode history = root.get("log_history");
        if (history == null || !history.isArray()) {
            throw new DiagonalException(file + ": log_history must be a list of log entries, not " + history);
        }
        List<RunEvent> records = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            records.add(convert(history.get(i), file + ": log_history[" + i + "]"));
        }
        return new TrainerState(step.asLong(), records);
    }

    private static RunEvent convert(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new DiagonalException(where + " must be an object, not " + entry);
        }
        JsonNode stepNode = entry.get("step");
        if (stepNode == null || !stepNode.isNumber()) {
            throw new DiagonalException(where + ": step must be a number, not " + stepNode);
        }
        long step = stepNode.asLong();
        if (entry.has("eval_loss")) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            entry.fields().forEachRemaining(f -> {
                if (f.getKey().startsWith("eval_") && f.getValue().isNumber() && !timing(f.getKey())) {
                    metrics.put(f.getKey().equals("eval_loss") ? "val_loss" : f.getKey().substring(5), f.getValue().asDouble());
                }
            });
            return new EvaluationEvent(step, metrics);
        } else if (entry.has("loss")) {
            double gradNorm = number(entry, "grad_norm", where);
            return new StepEvent(step, number(entry, "epoch", where), number(entry, "loss", where),
                    number(entry, "learning_rate", where), Double.NaN, Double.NaN, null,
                    Double.isNaN(gradNorm) ? Map.of() : Map.of("grad_norm", gradNorm));
        } else if (entry.has("train_runtime")) {
            return new SummaryEvent(step, number(entry, "train_samples_per_second", where), number(entry, "train_runtime", where));
        }
        return new OtherEvent("trainer_log", step);
    }

    /** The Trainer's timings of an evaluation (runtime, samples and steps per second): not metrics of the model. */
    private static boolean timing(String key) {
        return key.endsWith("_runtime") || key.endsWith("_per_second");
    }

    /** The entry's number {@code field}; NaN when it is absent or null. */
    private static double number(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new DiagonalException(where + ": " + field + " must be a number, not " + value);
        }
        return value.asDouble();
    }
}
