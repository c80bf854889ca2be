package dev.diagonal.project;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run on disk: {@code run.json} (what, how, from what, how it ended), {@code metrics.jsonl}
 * (append-only log), {@code similarity/step-N.json}, {@code checkpoints/}, {@code best/} and
 * {@code run.lock} (held while the run is live). Whole files are written atomically, so after a crash
 * every file is either the old or the new version.
 */
public final class RunFolder {

    /** The run description file. */
    public static final String RUN_JSON = "run.json";
    /** The metrics log. */
    public static final String METRICS = "metrics.jsonl";
    /** The lock file held by the owning process. */
    public static final String LOCK = "run.lock";
    /** The folder of similarity snapshots. */
    public static final String SIMILARITY = "similarity";
    /** The folder of resumable checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The folder of the best model so far. */
    public static final String BEST = "best";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern SNAPSHOT = Pattern.compile("step-(\\d{1,18})\\.json");
    private static final int MAX_PREFIX = 40;

    private final Path path;

    private RunFolder(Path path) {
        this.path = path;
    }

    /** Creates a new run folder {@code YYYYMMDD-HHMMSS-prefix} (local time) under {@code runsDir}. */
    public static RunFolder create(Path runsDir, String namePrefix) {
        return create(runsDir, namePrefix, Clock.systemDefaultZone());
    }

    /**
     * Creates a new run folder named after {@code clock}'s time; if the name is taken (two runs in one
     * second), {@code -2}, {@code -3}, … is appended. Characters other than letters, digits, {@code .},
     * {@code _} and {@code -} in the prefix become {@code -}.
     */
    static RunFolder create(Path runsDir, String namePrefix, Clock clock) {
        String base = STAMP.format(LocalDateTime.now(clock)) + "-" + sanitize(namePrefix);
        try {
            Files.createDirectories(runsDir);
            for (int attempt = 1; ; attempt++) {
                Path candidate = runsDir.resolve(attempt == 1 ? base : base + "-" + attempt).toAbsolutePath();
                try {
                    Files.createDirectory(candidate);
                    return new RunFolder(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot create a run folder in " + runsDir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing run folder. */
    public static RunFolder open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DiagonalException("no run folder at " + folder);
        }
        return new RunFolder(folder.toAbsolutePath().normalize());
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** The run id: the folder's name. */
    public String id() {
        return path.getFileName().toString();
    }

    /** {@code run.json}. */
    public Path runJson() {
        return path.resolve(RUN_JSON);
    }

    /** {@code metrics.jsonl}. */
    public Path metricsFile() {
        return path.resolve(METRICS);
    }

    /** {@code run.lock}. */
    public Path lockFile() {
        return path.resolve(LOCK);
    }

    /** {@code similarity/} (not created until a snapshot is written). */
    public Path similarityDir() {
        return path.resolve(SIMILARITY);
    }

    /** {@code checkpoints/} (the trainer creates it and writes each checkpoint atomically). */
    public Path checkpointsDir() {
        return path.resolve(CHECKPOINTS);
    }

    /** {@code best/}. */
    public Path bestDir() {
        return path.resolve(BEST);
    }

    /**
     * Writes {@code run.json} atomically.
     *
     * @throws DiagonalException if {@code info.id()} is not this folder's name
     */
    public void writeRunJson(RunInfo info) {
        Objects.requireNonNull(info, "info");
        if (!id().equals(info.id())) {
            throw new DiagonalException(runJson() + ": id '" + info.id() + "' does not match the folder");
        }
        Json.write(runJson(), info);
    }

    /** Reads {@code run.json}. */
    public RunInfo readRunJson() {
        return Json.read(runJson(), RunInfo.class);
    }

    /** Whether {@code run.json} exists. */
    public boolean hasRunJson() {
        return Files.isRegularFile(runJson());
    }

    /** Opens the metrics log for appending (repairing a torn end), forcing every line to disk. */
    public MetricsLog openMetrics() {
        return MetricsLog.open(metricsFile());
    }

    /** Opens the metrics log for appending, forcing to disk at most every {@code forceInterval}. */
    public MetricsLog openMetrics(Duration forceInterval) {
        return MetricsLog.open(metricsFile(), forceInterval);
    }

    /** Every complete record of {@code metrics.jsonl}, raw (for tests; everything else reads {@link #readEvents()}). */
    public List<Map<String, Object>> readMetrics() {
        return MetricsReader.readAll(metricsFile());
    }

    /** Every complete line of {@code metrics.jsonl} as a {@link RunEvent}, in file order. */
    public List<RunEvent> readEvents() {
        return MetricsReader.readEvents(metricsFile());
    }

    /**
     * Reads the events {@code metrics.jsonl} gained since byte {@code offset} (0 for the whole file); pass the
     * returned chunk's {@link MetricsReader.Chunk#nextOffset()} next time to follow a live run.
     */
    public MetricsReader.Chunk readEventsFrom(long offset) {
        return MetricsReader.readFrom(metricsFile(), offset);
    }

    /**
     * Drops the lines of {@code metrics.jsonl} after step {@code lastStep} (all that name a step, for −1), before a
     * resumed run redoes those steps; returns how many lines went.
     */
    public int trimMetricsAfter(long lastStep) {
        return MetricsTrim.keepUpTo(metricsFile(), lastStep);
    }

    /** Writes {@code similarity/step-N.json} atomically and returns its path. */
    public Path writeSimilarity(SimilaritySnapshot snapshot) {
        Path file = similarityDir().resolve("step-" + snapshot.step() + ".json");
        Json.write(file, snapshot);
        return file;
    }

    /**
     * Reads the similarity snapshot of {@code step}. Relative image paths (a run shipped with a project, such
     * as the sample's story run) are resolved against the run folder.
     */
    public SimilaritySnapshot readSimilarity(long step) {
        SimilaritySnapshot read = Json.read(similarityDir().resolve("step-" + step + ".json"), SimilaritySnapshot.class);
        if (read.imagePaths() == null || read.imagePaths().stream().allMatch(p -> Path.of(p).isAbsolute())) {
            return read;
        }
        List<String> resolved = read.imagePaths().stream().map(p -> path.resolve(p).normalize().toString()).toList();
        return new SimilaritySnapshot(read.step(), read.rowLabels(), read.colLabels(), read.matrix(), resolved);
    }

    /** The steps that have a similarity snapshot, ascending. */
    public List<Long> similaritySteps() {
        if (!Files.isDirectory(similarityDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(similarityDir())) {
            return files.map(f -> SNAPSHOT.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + similarityDir() + ": " + e.getMessage(), e);
        }
    }

    /** Takes the run's lock for this process; hold it while training, close it when done. */
    public RunLock lock() {
        return RunLock.acquire(lockFile());
    }

    /** What a probe of {@code run.lock} finds. */
    public RunLock.State lockState() {
        return RunLock.probe(lockFile());
    }

    /**
     * Deletes the hidden {@code .*.tmp} files an atomic write leaves behind when its process is killed
     * mid-write; call it while holding the run's lock (when resuming), so no writer is active. Returns
     * how many were deleted.
     */
    public int removeStaleTempFiles() {
        try (Stream<Path> files = Files.walk(path)) {
            List<Path> stale = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(f);
            }).toList();
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
            return stale.size();
        } catch (IOException e) {
            throw new DiagonalException("cannot clean " + path + ": " + e.getMessage(), e);
        }
    }

    private static String sanitize(String prefix) {
        String clean = prefix == null ? "" : prefix.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
        clean = clean.replaceAll("^[.-]+", "");
        if (clean.length() > MAX_PREFIX) {
            clean = clean.substring(0, MAX_PREFIX);
        }
        return clean.isEmpty() ? "run" : clean;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
