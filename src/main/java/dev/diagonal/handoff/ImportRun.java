package dev.diagonal.handoff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.Methods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a hand-off job's {@code output/} into a Diagonal run folder: {@code final/} becomes the latest
 * checkpoint ({@code checkpoints/step-N/}), {@code best/} stays {@code best/}, {@code trainer_state.json}'s
 * {@code log_history} becomes {@code metrics.jsonl}, and {@code run.json} records the job's settings and
 * where it was trained ({@code handoff.json}). The run is COMPLETED, so it does not resume.
 */
public final class ImportRun {

    /** What {@code train.py} writes about the machine and software it ran on. */
    public static final String HANDOFF_JSON = "handoff.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /**
     * What was imported.
     *
     * @param run the new run folder
     * @param steps the Trainer's last step
     * @param records metric records written
     * @param best the best validation loss kept in {@code best/}, or null without one
     * @param snapshots how many similarity snapshots were written, or why none were
     */
    public record Imported(RunFolder run, long steps, int records, BestMetric best, String snapshots) {}

    private ImportRun() {}

    /**
     * Imports {@code output} into the new run folder {@code out}.
     *
     * @throws DiagonalException naming the missing or malformed file; nothing is left behind then
     */
    public static Imported from(Path output, Path out) {
        if (!Files.isDirectory(output)) {
            throw new DiagonalException("import-run: no job output folder at " + output);
        }
        TrainerState state = TrainerState.read(output.resolve(TrainerState.FILE));
        Path finalDir = output.resolve("final");
        requireModel(finalDir);
        Path bestDir = output.resolve(RunFolder.BEST);
        boolean hasBest = Files.isRegularFile(bestDir.resolve("config.json"));
        if (hasBest) {
            requireModel(bestDir);
        }
        Map<String, Object> handoff = readMap(output.resolve(HANDOFF_JSON), false);
        Path jobJson = output.toAbsolutePath().normalize().getParent().resolve(HandoffJob.JOB_FILE);
        Map<String, Object> job = Files.isRegularFile(jobJson) ? readMap(jobJson, true) : Map.of();
        BestMetric best = hasBest ? bestMetric(bestDir) : null;
        if (Files.exists(out)) {
            throw new DiagonalException("import-run: " + out + " already exists");
        }
        try {
            Files.createDirectories(out);
            RunFolder run = RunFolder.open(out);
            String stepDir = "step-" + state.globalStep();
            copyTree(finalDir, run.checkpointsDir().resolve(stepDir));
            AtomicFiles.writeString(run.checkpointsDir().resolve("latest"), stepDir + "\n");
            if (hasBest) {
                copyTree(bestDir, run.bestDir());
            }
            try (MetricsLog metrics = run.openMetrics()) {
                state.records().forEach(metrics::append);
            }
            run.writeRunJson(runInfo(run, job, handoff, output, best));
            Map<Long, Path> models = new java.util.TreeMap<>();
            if (hasBest && best != null) {
                models.put(best.step(), run.bestDir());
            }
            models.put(state.globalStep(), run.checkpointsDir().resolve(stepDir));
            String snapshots = ProbeSnapshots.write(run, output.toAbsolutePath().normalize().getParent(), probeSize(job), models);
            return new Imported(run, state.globalStep(), state.records().size(), best, snapshots);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(out);
            if (e instanceof DiagonalException d) {
                throw d;
            }
            throw new DiagonalException("import-run: cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static RunInfo runInfo(RunFolder run, Map<String, Object> job, Map<String, Object> handoff, Path output,
            BestMetric best) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        Object config = job.get("config");
        if (config instanceof Map<?, ?> map) {
            hyper.putAll((Map<String, Object>) map);
        }
        hyper.put("method", Methods.CONTRASTIVE);
        for (String key : List.of("model", "train", "val")) {
            if (job.get(key) != null) {
                hyper.put(key, job.get(key));
            }
        }
        hyper.put("imported_from", output.toAbsolutePath().normalize().toString());
        hyper.put("handoff", handoff);
        Object model = job.get("model");
        Fingerprint fingerprint = model != null && Files.isDirectory(Path.of(model.toString()))
                ? Fingerprint.ofModelDir(Path.of(model.toString())) : null;
        long seed = config instanceof Map<?, ?> map && map.get("seed") instanceof Number n ? n.longValue() : 0;
        Provenance provenance = new Provenance(text(job.get("diagonal")), null, text(handoff.get("torch")),
                null, text(handoff.get("platform")), null, where(handoff), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null, fingerprint, List.of(), seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new RunInfo(run.id(), Methods.CONTRASTIVE, RunStatus.COMPLETED, hyper, provenance, now, now, best,
                "imported: " + where(handoff), null);
    }

    private static int probeSize(Map<String, Object> job) {
        return job.get("config") instanceof Map<?, ?> config && config.get("probe_size") instanceof Number n ? n.intValue() : 12;
    }

    /** One line on where the job ran, e.g. "accelerate 1.15.0, 2 processes, cpu (gloo) on host-1". */
    static String where(Map<String, Object> handoff) {
        if (handoff.isEmpty()) {
            return "trained outside Diagonal (no " + HANDOFF_JSON + ")";
        }
        return "accelerate " + handoff.get("accelerate") + ", torch " + handoff.get("torch") + ", " + handoff.get("processes")
                + " processes, " + handoff.get("device") + (handoff.get("backend") == null ? "" : " (" + handoff.get("backend") + ")")
                + " on " + handoff.get("host");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static void requireModel(Path dir) {
        for (String file : List.of("config.json", "model.safetensors")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new DiagonalException("import-run: " + dir.resolve(file) + " is missing (an HF model folder needs it)");
            }
        }
    }

    private static BestMetric bestMetric(Path bestDir) {
        Path file = bestDir.resolve("best.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, Object> best = readMap(file, true);
        if (!(best.get("eval_loss") instanceof Number loss) || !(best.get("step") instanceof Number step)) {
            throw new DiagonalException(file + ": needs numeric eval_loss and step, got " + best);
        }
        return new BestMetric("val_loss", loss.doubleValue(), step.longValue());
    }

    private static Map<String, Object> readMap(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new DiagonalException("import-run: " + file + " is missing");
            }
            return Map.of();
        }
        try {
            return JSON.readValue(file.toFile(), MAP);
        } catch (IOException e) {
            throw new DiagonalException(file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: the error that brought us here matters more
        }
    }
}
