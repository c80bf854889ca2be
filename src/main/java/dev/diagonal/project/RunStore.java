package dev.diagonal.project;

import dev.diagonal.io.FileTrees;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs in a runs folder: history with summaries, the latest run, and deletion. A folder counts as a
 * run when it holds {@code run.json}. A run whose {@code run.json} says RUNNING while nobody holds its
 * {@code run.lock} is reported {@link RunStatus#INTERRUPTED} (if the file system has no locks, the pid
 * in {@code run.json} decides).
 */
public final class RunStore {

    private final Path runsDir;

    /** A store over {@code runsDir}, which need not exist yet. */
    public RunStore(Path runsDir) {
        this.runsDir = runsDir.toAbsolutePath().normalize();
    }

    /** The runs folder. */
    public Path runsDir() {
        return runsDir;
    }

    /** Summaries of all runs, newest first. */
    public List<RunSummary> list() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        List<RunSummary> runs = new ArrayList<>();
        try (Stream<Path> children = Files.list(runsDir)) {
            children.filter(dir -> Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON)))
                    .forEach(dir -> runs.add(summarize(RunFolder.open(dir))));
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + runsDir + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunSummary::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RunSummary::id).reversed());
        return runs;
    }

    /** The newest run, if any. */
    public Optional<RunSummary> latest() {
        return list().stream().findFirst();
    }

    /** The summary of one run. */
    public Optional<RunSummary> find(String id) {
        Path dir = folderOf(id);
        return Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))
                ? Optional.of(summarize(RunFolder.open(dir))) : Optional.empty();
    }

    /** The folder of a run, e.g. to resume it. */
    public RunFolder open(String id) {
        return RunFolder.open(folderOf(id));
    }

    /**
     * Deletes a run folder with everything in it. The run's lock is taken first, so a run cannot start
     * (or be resumed) while it is being deleted.
     *
     * @throws DiagonalException if the run is live, or the folder is not a run
     */
    public void delete(String id) {
        Path dir = folderOf(id);
        if (!Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))) {
            throw new DiagonalException("no run '" + id + "' in " + runsDir);
        }
        RunFolder run = RunFolder.open(dir);
        try (RunLock ignored = lockForDelete(run)) {
            FileTrees.deleteInside(dir, run.lockFile());
        }
        try {
            Files.deleteIfExists(run.lockFile());
            Files.delete(dir);
        } catch (DirectoryNotEmptyException e) {
            throw new DiagonalException("run " + id + " got new files while being deleted: " + dir, e);
        } catch (IOException e) {
            throw new DiagonalException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static RunLock lockForDelete(RunFolder run) {
        try {
            return run.lock();
        } catch (DiagonalException e) {
            throw new DiagonalException("run " + run.id() + " is running; stop it before deleting it", e);
        }
    }

    /** Summarises a run folder, never failing on a bad {@code run.json}. */
    static RunSummary summarize(RunFolder run) {
        // the lock is probed before run.json is read: a trainer writes its final run.json before it lets go of
        // the lock, so a run that ends between the two reads is never taken for one whose process died
        RunLock.State lock = run.lockState();
        RunInfo info;
        try {
            info = run.readRunJson();
        } catch (DiagonalException e) {
            return new RunSummary(run.id(), run.path(), null, RunStatus.FAILED, Map.of(), null, null, null,
                    e.getMessage(), false);
        }
        RunStatus status = info.status() == null ? RunStatus.FAILED : info.status();
        boolean live = isLive(lock, info);
        if (status == RunStatus.RUNNING && !live) {
            status = RunStatus.INTERRUPTED;
        }
        return new RunSummary(run.id(), run.path(), info.method(), status, info.hyperparameters(),
                info.bestMetric(), info.startedAt(), duration(run, info, status), info.message(), true);
    }

    private static boolean isLive(RunLock.State lock, RunInfo info) {
        return switch (lock) {
            case HELD -> true;
            case FREE -> false;
            case UNKNOWN -> info.pid() != null
                    && ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
        };
    }

    private static Duration duration(RunFolder run, RunInfo info, RunStatus status) {
        if (info.startedAt() == null) {
            return null;
        }
        Instant end = info.endedAt();
        if (end == null && status == RunStatus.RUNNING) {
            end = Instant.now();
        } else if (end == null && status == RunStatus.INTERRUPTED) {
            end = lastWrite(run);
        }
        return end == null || end.isBefore(info.startedAt()) ? null : Duration.between(info.startedAt(), end);
    }

    private static Instant lastWrite(RunFolder run) {
        Instant last = null;
        for (Path file : List.of(run.runJson(), run.metricsFile())) {
            try {
                FileTime time = Files.getLastModifiedTime(file);
                last = last == null || time.toInstant().isAfter(last) ? time.toInstant() : last;
            } catch (IOException ignored) {
                // a run without metrics yet
            }
        }
        return last;
    }

    private Path folderOf(String id) {
        if (id == null || id.isBlank() || id.contains("/") || id.contains("\\") || id.equals(".") || id.equals("..")) {
            throw new DiagonalException("not a run id: '" + id + "'");
        }
        return runsDir.resolve(id);
    }
}
