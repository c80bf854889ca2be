package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs of the trainer on a tiny model and a synthetic set of coloured shapes. */
class TrainerTest {

    @TempDir
    static Path shared;
    static Path model;
    static Path data;

    @BeforeAll
    static void material() {
        TestEngine.oneThread();
        model = TrainFixtures.tinyModel(shared.resolve("model"));
        data = TrainFixtures.shapes(shared.resolve("shapes"), 6, 1);
    }

    static TrainingConfig config() {
        return TrainingConfig.builder().epochs(15).batchSize(8).lr(1e-3).device("cpu").valFraction(0.25).probeSize(8).build();
    }

    @Test
    void lossFallsAndTheProbeDiagonalRises(@TempDir Path runs) {
        RecordingListener listener = new RecordingListener();
        TrainingResult result = FineTuning.start(RunDestination.at(runs.resolve("run")), new TrainingRequest(model, data, null, config()),
                listener, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        TrainingPlan plan = listener.plans.get(0);
        long total = plan.totalSteps();
        double early = listener.meanLoss(1, 5);
        double late = listener.meanLoss(total - 4, total);
        Map<String, Double> first = listener.evaluations.get(0L);
        Map<String, Double> last = listener.evaluations.get(total);
        double marginBefore = first.get("probe_diagonal") - first.get("probe_off_diagonal");
        double marginAfter = last.get("probe_diagonal") - last.get("probe_off_diagonal");
        System.out.printf("plan %s%nloss first 5 steps %.4f, last 5 %.4f (chance %.4f); probe diagonal - off-diagonal "
                        + "%.4f -> %.4f; zero-shot top-1 %.3f -> %.3f; probe top-1 %.3f -> %.3f%n", plan, early, late,
                Math.log(8), marginBefore, marginAfter, first.get("zeroshot_top1"), last.get("zeroshot_top1"),
                first.get("probe_top1"), last.get("probe_top1"));
        System.out.println("losses " + listener.losses);
        assertThat(late).isLessThan(early * 0.7);
        assertThat(marginAfter).isGreaterThan(marginBefore + 0.1);
        RunFolder run = RunFolder.open(runs.resolve("run"));
        RunInfo info = run.readRunJson();
        assertThat(info.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(info.bestMetric().name()).isEqualTo("zeroshot_top1");
        assertThat(run.similaritySteps()).contains(0L, total);
        assertThat(run.bestDir().resolve("model.safetensors")).exists();
        assertThat(run.bestDir().resolve("tokenizer.json")).exists();
    }
}
