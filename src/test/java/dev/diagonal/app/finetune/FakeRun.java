package dev.diagonal.app.finetune;

import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import dev.diagonal.project.WarningEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run written the way a trainer in another process writes one (lock held, {@code run.json} RUNNING,
 * appended metrics, snapshot files), step by step under the test's control.
 */
final class FakeRun implements AutoCloseable {

    final RunFolder folder;
    private final RunLock lock;
    private final MetricsLog metrics;
    private RunInfo info;

    FakeRun(Path runsDir, String id) {
        folder = RunFolder.open(createDir(runsDir.resolve(id)));
        lock = folder.lock();
        info = RunInfo.create(id, "contrastive", Map.of("lr", 1e-5, "epochs", 2), null).running();
        folder.writeRunJson(info);
        metrics = folder.openMetrics();
    }

    void step(long step, double loss) {
        metrics.append(new StepEvent(step, 0, loss, 1e-5, 100.0, 12.5, null));
    }

    void evaluation(long step, double top1) {
        metrics.append(new EvaluationEvent(step, Map.of("zeroshot_top1", top1)));
    }

    void warning(long step, String message) {
        metrics.append(new WarningEvent(step, message));
    }

    void append(RunEvent event) {
        metrics.append(event);
    }

    /** Appends a line as an earlier Diagonal (or a hand) wrote it. */
    void rawLine(String json) {
        metrics.force();
        try {
            java.nio.file.Files.writeString(folder.metricsFile(), json + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void snapshot(long step, float diagonal) {
        folder.writeSimilarity(snapshotAt(step, diagonal));
    }

    /** Ends the run as a trainer does: metrics forced, {@code run.json} final, lock released. */
    void end(RunStatus status) {
        metrics.force();
        info = info.ended(status, null);
        folder.writeRunJson(info);
        close();
    }

    /** Lets go of the lock without a final {@code run.json}, as when the process dies. */
    @Override
    public void close() {
        metrics.close();
        lock.close();
    }

    static SimilaritySnapshot snapshotAt(long step, float diagonal) {
        return new SimilaritySnapshot(step, List.of("a.png", "b.png"), List.of("an apple", "a turtle"),
                new float[][] {{diagonal, 0.1f}, {0.1f, diagonal}}, null);
    }

    private static Path createDir(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
