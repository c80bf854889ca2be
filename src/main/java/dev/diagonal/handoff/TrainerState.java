package dev.diagonal.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of transformers' {@code trainer_state.json} a Diagonal run needs: the last step and
 * {@code log_history} turned into {@code metrics.jsonl} records (training steps, evaluations, the summary).
 *
 * @param globalStep the Trainer's {@code global_step}
 * @param records metric records in Diagonal's keys, in log order
 */
public record TrainerState(long globalStep, List<Map<String, Object>> records) {

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
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            records.add(convert(history.get(i), file + ": log_history[" + i + "]"));
        }
        return new TrainerState(step.asLong(), records);
    }

    private static Map<String, Object> convert(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new DiagonalException(where + " must be an object, not " + entry);
        }
        JsonNode step = entry.get("step");
        if (step == null || !step.isNumber()) {
            throw new DiagonalException(where + ": step must be a number, not " + step);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        if (entry.has("eval_loss")) {
            record.put("type", "eval");
            record.put("step", step.asLong());
            entry.fields().forEachRemaining(f -> {
                if (f.getKey().startsWith("eval_") && f.getValue().isNumber() && !timing(f.getKey())) {
                    record.put(f.getKey().equals("eval_loss") ? "val_loss" : f.getKey().substring(5), f.getValue().asDouble());
                }
            });
        } else if (entry.has("loss")) {
            record.put("step", step.asLong());
            putNumber(record, "epoch", entry, "epoch", where);
            putNumber(record, "loss", entry, "loss", where);
            putNumber(record, "lr", entry, "learning_rate", where);
            putNumber(record, "grad_norm", entry, "grad_norm", where);
        } else if (entry.has("train_runtime")) {
            record.put("type", "summary");
            record.put("step", step.asLong());
            putNumber(record, "train_seconds", entry, "train_runtime", where);
            putNumber(record, "images_per_second", entry, "train_samples_per_second", where);
        } else {
            record.put("type", "trainer_log");
            record.put("step", step.asLong());
        }
        return record;
    }

    /** The Trainer's timings of an evaluation (runtime, samples and steps per second): not metrics of the model. */
    private static boolean timing(String key) {
        return key.endsWith("_runtime") || key.endsWith("_per_second");
    }

    private static void putNumber(Map<String, Object> record, String key, JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw new DiagonalException(where + ": " + field + " must be a number, not " + value);
        }
        record.put(key, value.asDouble());
    }
}
