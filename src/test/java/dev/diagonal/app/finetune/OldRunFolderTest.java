package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.Fixtures;
import dev.diagonal.eval.MetricNames;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStore;
import dev.diagonal.project.RunSummary;
import dev.diagonal.train.EvaluationLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder written by an earlier Diagonal (the committed {@code fixtures/run-metrics-v1}, a contrastive run
 * of commit bec5626: {@code run.json}, {@code metrics.jsonl}, similarity snapshots, no weights) still opens: the
 * Runs list, the Fine-tune screen's follower and the evaluation line read its metrics under the canonical names.
 */
class OldRunFolderTest {

    @TempDir
    Path tmp;

    @Test
    void anOldRunOpensWithTheCanonicalMetricNames() throws IOException {
        Path runs = tmp.resolve("runs");
        copy(Fixtures.path("run-metrics-v1"), runs);

        RunSummary summary = new RunStore(runs).find("wise-timing-run").orElseThrow();
        assertThat(summary.bestMetric().name()).isEqualTo(MetricNames.ZEROSHOT_TOP1);

        TrainingFeed.Update update = new RunFollower(RunFolder.open(runs.resolve("wise-timing-run"))).poll();
        assertThat(update.evaluations()).hasSize(3);
        Map<String, Double> baseline = update.evaluations().get(0).metrics();
        assertThat(baseline).containsKeys(MetricNames.ZEROSHOT_TOP1, MetricNames.ZEROSHOT_TOP5, MetricNames.PROBE_DIAGONAL,
                MetricNames.PROBE_OFF_DIAGONAL, MetricNames.PROBE_TOP1);
        assertThat(baseline).containsKeys(MetricNames.RETRIEVAL.toArray(String[]::new));
        assertThat(LiveCharts.metricNames(update.evaluations()).get(0)).isEqualTo(MetricNames.ZEROSHOT_TOP1);
        assertThat(EvaluationLine.describe(baseline)).startsWith("zero-shot top-1 0.000 top-5 0.105 | R@1 image->text 0.368");
        assertThat(update.similarities()).hasSize(3);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
