package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.eval.Evaluation;
import dev.diagonal.eval.MetricNames;
import dev.diagonal.project.MetricsReader;
import dev.diagonal.project.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training-time evaluation and {@code evaluate} are one core: the zero-shot baseline a run records at step 0
 * on its validation set is, under the same names, what {@code evaluate} reports for the base model there.
 */
class OneEvaluationCoreTest {

    @TempDir
    Path tmp;

    @Test
    void theStepZeroBaselineEqualsEvaluateOnTheBaseModel() {
        TestEngine.oneThread();
        Path model = TrainFixtures.tinyModel(tmp.resolve("model"));
        Path train = TrainFixtures.shapes(tmp.resolve("train"), 4, 1);
        Path val = TrainFixtures.shapes(tmp.resolve("val"), 3, 2);
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(8).device("cpu").build();

        FineTuning.start(RunDestination.at(tmp.resolve("run")), new TrainingRequest(model, train, val, config),
                TrainingListener.NONE, () -> false);
        Map<String, Object> baseline = MetricsReader.readAll(RunFolder.open(tmp.resolve("run")).metricsFile()).stream()
                .filter(r -> "eval".equals(r.get("type")) && ((Number) r.get("step")).longValue() == 0)
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Double> evaluated = (Map<String, Double>) Evaluation.run(new Evaluation.Request(model, val, null, "cpu", 8),
                (d, t) -> {}, n -> {}, () -> false).get("metrics");

        for (String name : List.of(MetricNames.ZEROSHOT_TOP1, MetricNames.ZEROSHOT_TOP5)) {
            assertThat(evaluated).containsKey(name);
            assertThat(((Number) baseline.get(name)).doubleValue()).as(name).isEqualTo(evaluated.get(name));
        }
    }
}
