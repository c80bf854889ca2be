package dev.diagonal.project;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A second process for the crash tests: owns a run the way a trainer does, until it is killed.
 * {@code hold <runFolder>} only holds the lock; {@code churn <runFolder>} keeps writing metrics lines,
 * {@code run.json} and similarity snapshots as fast as it can. Prints {@code READY} once under way.
 */
public final class ChildRun {

    private ChildRun() {}

    public static void main(String[] args) throws Exception {
        RunFolder run = RunFolder.open(Path.of(args[1]));
        RunLock lock = run.lock();
        RunInfo info = RunInfo.create(run.id(), "child", Map.of("lr", 1e-4, "batchSize", 8), null).running();
        run.writeRunJson(info);
        if (args[0].equals("hold")) {
            ready();
            Thread.sleep(Long.MAX_VALUE);
        }
        String padding = "p".repeat(3000);
        try (MetricsLog log = run.openMetrics(Duration.ofMillis(20))) {
            for (long step = 0; ; step++) {
                log.append(Map.of("step", step, MetricsLog.LOSS, 1.0 / (step + 1), "pad", padding));
                if (step % 10 == 0) {
                    info = info.withBestMetric(new BestMetric("val/loss", 1.0 / (step + 1), step));
                    run.writeRunJson(info);
                }
                if (step % 50 == 0) {
                    float[][] matrix = {{1, (float) step}, {0, 1}};
                    run.writeSimilarity(new SimilaritySnapshot(step, List.of("a", "b"), List.of("x", "y"), matrix, null));
                }
                if (step == 200) {
                    ready();
                }
            }
        } finally {
            lock.close();
        }
    }

    private static void ready() {
        System.out.println("READY");
        System.out.flush();
    }
}
