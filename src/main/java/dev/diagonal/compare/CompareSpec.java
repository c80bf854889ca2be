package dev.diagonal.compare;

import dev.diagonal.DiagonalException;
import dev.diagonal.train.Methods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code compare} sweeps, checked: the model, the data sets, and the methods × shots × seeds grid.
 *
 * @param model the HF model folder every run starts from
 * @param train training data (few-shot samples are drawn from it per seed)
 * @param val validation data, or null to split it off {@code train} as {@code finetune} does
 * @param test the in-distribution test set
 * @param shifts shifted test sets by name, in the order given
 * @param methods {@link Cell#ZERO_SHOT} and registered methods, in the order given
 * @param shots the shot counts of the trained methods, ascending
 * @param seeds seeds per method and shots (the seeds are 0 … seeds−1)
 * @param out the comparison folder
 * @param templates prompt templates file (used for evaluation and as caption templates in training), or null
 * @param lr learning rate by method ({@code "*"} for every method), as {@code finetune --lr} takes it
 * @param epochs epochs by method ({@code "*"} for every method)
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param batchSize batch size of training and of evaluation
 */
public record CompareSpec(Path model, Path train, Path val, Path test, Map<String, Path> shifts, List<String> methods,
        List<Integer> shots, int seeds, Path out, Path templates, Map<String, String> lr, Map<String, Integer> epochs,
        String device, int batchSize) {

    /** Every setting for all methods. */
    public static final String ALL = "*";

    /** Checks every value, naming the flag at fault; freezes the collections. */
    public CompareSpec {
        requireDir(model, "--model");
        requireData(train, "--train");
        if (val != null) {
            requireData(val, "--val");
        }
        requireData(test, "--test");
        shifts.forEach((name, path) -> requireData(path, "--shift " + name));
        if (methods.isEmpty()) {
            throw new DiagonalException("--methods: name at least one method");
        }
        for (String method : methods) {
            if (!Cell.ZERO_SHOT.equals(method) && Methods.find(method).isEmpty()) {
                throw new DiagonalException("--methods: unknown method " + method + "; one of " + Cell.ZERO_SHOT + ", "
                        + String.join(", ", Methods.names()));
            }
        }
        if (new LinkedHashSet<>(methods).size() < methods.size()) {
            throw new DiagonalException("--methods names a method twice: " + String.join(",", methods));
        }
        for (int k : shots) {
            if (k <= 0) {
                throw new DiagonalException("--shots must be at least 1 each, not " + k);
            }
        }
        if (shots.isEmpty() && methods.stream().anyMatch(m -> !Cell.ZERO_SHOT.equals(m))) {
            throw new DiagonalException("--shots: give at least one shot count for the trained methods");
        }
        if (seeds < 1) {
            throw new DiagonalException("--seeds must be at least 1, not " + seeds);
        }
        if (batchSize < 1) {
            throw new DiagonalException("--batch-size must be at least 1, not " + batchSize);
        }
        if (templates != null && !Files.isRegularFile(templates)) {
            throw new DiagonalException("--templates: file not found: " + templates);
        }
        for (String key : lr.keySet()) {
            requireMethodKey(key, methods, "--lr");
        }
        for (Map.Entry<String, Integer> e : epochs.entrySet()) {
            requireMethodKey(e.getKey(), methods, "--epochs");
            if (e.getValue() < 1) {
                throw new DiagonalException("--epochs must be at least 1, not " + e.getValue());
            }
        }
        shifts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shifts));
        methods = List.copyOf(methods);
        shots = List.copyOf(new java.util.TreeSet<>(shots));
        lr = Map.copyOf(lr);
        epochs = Map.copyOf(epochs);
    }

    /** Every cell in run order: zero-shot first, then each method by shots and seed. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        if (methods.contains(Cell.ZERO_SHOT)) {
            for (int seed = 0; seed < seeds; seed++) {
                cells.add(new Cell(Cell.ZERO_SHOT, 0, seed));
            }
        }
        for (String method : methods) {
            if (Cell.ZERO_SHOT.equals(method)) {
                continue;
            }
            for (int k : shots) {
                for (int seed = 0; seed < seeds; seed++) {
                    cells.add(new Cell(method, k, seed));
                }
            }
        }
        return cells;
    }

    /** The learning rate for {@code method}, or null for {@code finetune}'s default. */
    String lrFor(String method) {
        return lr.getOrDefault(method, lr.get(ALL));
    }

    /** The epochs for {@code method}, or null for {@code finetune}'s default. */
    Integer epochsFor(String method) {
        return epochs.getOrDefault(method, epochs.get(ALL));
    }

    private static void requireMethodKey(String key, List<String> methods, String flag) {
        if (!ALL.equals(key) && !methods.contains(key)) {
            throw new DiagonalException(flag + ": " + key + " is not one of the compared methods (" + String.join(",", methods) + ")");
        }
    }

    private static void requireDir(Path path, String flag) {
        if (path == null || !Files.isDirectory(path)) {
            throw new DiagonalException(flag + ": model folder not found: " + path);
        }
    }

    private static void requireData(Path path, String flag) {
        if (path == null || !Files.exists(path)) {
            throw new DiagonalException(flag + ": dataset not found: " + path);
        }
    }
}
