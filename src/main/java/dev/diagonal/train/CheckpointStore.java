package dev.diagonal.train;

import dev.diagonal.io.FileTrees;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.io.TensorDType;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A run's checkpoints, written so that a kill at any moment leaves the previous one intact: each is
 * built in a hidden temporary folder, renamed to {@code checkpoints/step-N/} in one step, and only then
 * named in the {@code checkpoints/latest} pointer (itself replaced atomically); the oldest are deleted
 * last, keeping the newest few. {@code best/} (a loadable HF model folder) is replaced by a swap of
 * renames that {@link #recover()} completes after a crash.
 */
final class CheckpointStore {

    static final String LATEST = "latest";
    static final String MODEL = "model.safetensors";
    /** First moments of the optimizer ({@code exp_avg.<name>}). */
    static final String EXP_AVG = "optimizer-exp_avg.safetensors";
    /** Second moments of the optimizer ({@code exp_avg_sq.<name>}). */
    static final String EXP_AVG_SQ = "optimizer-exp_avg_sq.safetensors";
    static final String STATE = "state.json";
    static final String CONFIG = "config.json";
    static final String BEST_JSON = "best.json";
    /** Files copied from the base model into {@code best/} so it is a complete model folder. */
    static final List<String> MODEL_FILES = List.of("tokenizer.json", "vocab.json", "merges.txt",
            "tokenizer_config.json", "special_tokens_map.json", "preprocessor_config.json");

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{1,18})");

    private final RunFolder run;
    private final Path dir;
    private final int keep;

    CheckpointStore(RunFolder run, int keep) {
        this.run = run;
        this.dir = run.checkpointsDir();
        this.keep = keep;
    }

    /**
     * Writes checkpoint {@code step-N} and points {@code latest} at it; returns its folder.
     *
     * @param tensorFiles safetensors files by name, each made only when it is written (so one file's
     *     tensors at a time are in the Java heap)
     */
    Path write(TrainState state, Map<String, Supplier<List<HostTensor>>> tensorFiles, ObjectNode modelConfig) {
        String name = "step-" + state.step();
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".partial");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DiagonalException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        FileTrees.delete(temp);
        tensorFiles.forEach((file, tensors) ->
                Safetensors.write(temp.resolve(file), tensors.get(), Map.of("format", "pt"), TensorDType.F32));
        writeJson(temp.resolve(CONFIG), modelConfig);
        writeJson(temp.resolve(STATE), state);
        Dirs.sync(temp);
        if (Files.exists(target)) {
            FileTrees.delete(target); // an unreferenced leftover of a crashed run going past this step
        }
        Dirs.rename(temp, target);
        AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
        prune(name);
        return target;
    }

    /** The newest complete checkpoint: the one {@code latest} names, else the highest complete step. */
    Optional<Path> latest() {
        Path pointer = dir.resolve(LATEST);
        if (Files.isRegularFile(pointer)) {
            try {
                Path named = dir.resolve(Files.readString(pointer).strip());
                if (STEP_DIR.matcher(named.getFileName().toString()).matches() && Files.isRegularFile(named.resolve(STATE))) {
                    return Optional.of(named);
                }
            } catch (IOException | RuntimeException ignored) {
                // fall back on the folders themselves
            }
        }
        return steps().stream().filter(p -> Files.isRegularFile(p.resolve(STATE))).reduce((a, b) -> b);
    }

    /** Reads a checkpoint's {@code state.json}. */
    static TrainState readState(Path checkpoint) {
        Path file = checkpoint.resolve(STATE);
        try {
            return JSON.readValue(file.toFile(), TrainState.class);
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Cleans up after a crash: unfinished checkpoint folders go, an interrupted {@code best/} swap is completed. */
    void recover() {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path partial : entries.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                    FileTrees.delete(partial);
                }
            } catch (IOException e) {
                throw new DiagonalException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        Optional<Path> latest = latest();
        long latestStep = latest.map(CheckpointStore::stepOf).orElse(-1L);
        for (Path stale : steps()) {
            if (stepOf(stale) > latestStep) {
                FileTrees.delete(stale); // written but never named latest: its run died in between
            }
        }
        Path best = run.bestDir();
        Path old = run.path().resolve(".best.old");
        if (!Files.exists(best) && Files.isDirectory(old)) {
            Dirs.rename(old, best);
        }
        FileTrees.delete(old);
        FileTrees.delete(run.path().resolve(".best.partial"));
    }

    /** Replaces {@code best/} with these weights as a loadable model folder (tokenizer files copied from {@code modelDir}). */
    Path writeBest(List<HostTensor> weights, ObjectNode modelConfig, Path modelDir, BestMetric best) {
        return writeBest(weights, modelConfig, modelDir, best, dir -> { });
    }

    /** As {@link #writeBest(List, ObjectNode, Path, BestMetric)}, with {@code extra} writing more files into the folder. */
    Path writeBest(List<HostTensor> weights, ObjectNode modelConfig, Path modelDir, BestMetric best,
            java.util.function.Consumer<Path> extra) {
        Path target = run.bestDir();
        Path temp = run.path().resolve(".best.partial");
        Path old = run.path().resolve(".best.old");
        FileTrees.delete(temp);
        Safetensors.write(temp.resolve(MODEL), weights, Map.of("format", "pt"), TensorDType.F32);
        writeJson(temp.resolve(CONFIG), modelConfig);
        for (String file : MODEL_FILES) {
            if (Files.isRegularFile(modelDir.resolve(file))) {
                Dirs.copyInto(modelDir.resolve(file), temp);
            }
        }
        writeJson(temp.resolve(BEST_JSON), best);
        extra.accept(temp);
        Dirs.sync(temp);
        if (Files.exists(target)) {
            Dirs.rename(target, old);
        }
        Dirs.rename(temp, target);
        FileTrees.delete(old);
        return target;
    }

    /** The {@code step-N} folders, by ascending step. */
    List<Path> steps() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf)).toList();
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private void prune(String latestName) {
        List<Path> all = new ArrayList<>(steps());
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).getFileName().toString().equals(latestName)) {
                FileTrees.delete(all.get(i));
            }
        }
    }

    static long stepOf(Path checkpoint) {
        Matcher m = STEP_DIR.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    static void writeJson(Path file, Object value) {
        AtomicFiles.write(file, out -> out.write(JSON.writeValueAsBytes(value)));
    }
}
