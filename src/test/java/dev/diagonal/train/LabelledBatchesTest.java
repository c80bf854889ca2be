package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A labelled binary set of 64 images trains with full batches (issue 22): with one image per class a
 * batch would hold 2, in fill mode it holds the 16 asked for, and same-class pairs are positives.
 */
class LabelledBatchesTest {

    @TempDir
    static Path shared;
    static Path model;
    static Path train;
    static Path heldOut;

    @BeforeAll
    static void material() {
        TestEngine.oneThread();
        model = TrainFixtures.tinyModel(shared.resolve("model"));
        List<String> classes = List.of("red_circle", "blue_triangle");
        train = TrainFixtures.shapes(shared.resolve("train"), classes, 32, 1);
        heldOut = TrainFixtures.shapes(shared.resolve("held-out"), classes, 10, 2);
    }

    private static TrainingConfig config(Batches batches) {
        return TrainingConfig.builder().epochs(8).batchSize(16).lr(1e-3).device("cpu").probeSize(8).batches(batches).build();
    }

    @Test
    void binarySetTrainsWithBatchesOf16AndZeroShotRises(@TempDir Path runs) {
        RecordingListener listener = new RecordingListener();
        TrainingResult result = FineTuning.start(RunDestination.at(runs.resolve("run")),
                new TrainingRequest(model, train, heldOut, config(Batches.FILL)), listener, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        TrainingPlan plan = listener.plans.get(0);
        assertThat(plan.batchSize()).isEqualTo(16);
        assertThat(plan.batches()).isEqualTo("fill");
        assertThat(plan.stepsPerEpoch()).isEqualTo(4.0);
        long total = plan.totalSteps();
        double early = listener.meanLoss(1, 4);
        double late = listener.meanLoss(total - 3, total);
        double before = listener.evaluations.get(0L).get("zeroshot_top1");
        double after = listener.evaluations.get(total).get("zeroshot_top1");
        System.out.printf("binary fill: %d steps of batch %d, loss %.4f -> %.4f, held-out zero-shot top-1 %.3f -> %.3f%n",
                total, plan.batchSize(), early, late, before, after);
        assertThat(late).isLessThan(early * 0.8);
        assertThat(after).isGreaterThan(before).isGreaterThanOrEqualTo(0.8);
        Map<String, Object> hyper = RunFolder.open(runs.resolve("run")).readRunJson().hyperparameters();
        assertThat(hyper).containsEntry("batches", "fill").containsEntry("batch_size_used", 16);
    }

    @Test
    void classBatchesTrainEachImageAgainstEveryClassPrompt(@TempDir Path runs) {
        RecordingListener listener = new RecordingListener();
        TrainingResult result = FineTuning.start(RunDestination.at(runs.resolve("run")),
                new TrainingRequest(model, train, heldOut, config(Batches.CLASSES)), listener, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        TrainingPlan plan = listener.plans.get(0);
        assertThat(plan.batchSize()).isEqualTo(16);
        assertThat(plan.batches()).isEqualTo("classes");
        long total = plan.totalSteps();
        double early = listener.meanLoss(1, 4);
        double late = listener.meanLoss(total - 3, total);
        double before = listener.evaluations.get(0L).get("zeroshot_top1");
        double after = listener.evaluations.get(total).get("zeroshot_top1");
        System.out.printf("binary classes: %d steps, loss %.4f -> %.4f, held-out zero-shot top-1 %.3f -> %.3f%n",
                total, early, late, before, after);
        assertThat(late).isLessThan(early * 0.8);
        assertThat(after).isGreaterThan(before).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void onePerClassStillCapsTheBatchAtTheClasses(@TempDir Path runs) {
        RecordingListener listener = new RecordingListener();
        TrainingConfig config = config(Batches.ONE_PER_CLASS).toBuilder().maxSteps(3).build();
        TrainingResult result = FineTuning.start(RunDestination.at(runs.resolve("run")),
                new TrainingRequest(model, train, heldOut, config), listener, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(listener.plans.get(0).batchSize()).isEqualTo(2);
        assertThat(listener.plans.get(0).batches()).isEqualTo("one-per-class");
    }

    @Test
    void runJsonWithoutTheKeyReadsAsOnePerClass() {
        Map<String, Object> old = new java.util.LinkedHashMap<>(TrainingConfig.defaults().toJson());
        old.remove(Setting.BATCHES.key());
        assertThat(TrainingConfig.fromJson(old, "run.json").data().batches()).isEqualTo(Batches.ONE_PER_CLASS);
        assertThat(TrainingConfig.fromJson(TrainingConfig.defaults().toJson(), "run.json").data().batches())
                .isEqualTo(Batches.CLASSES);
    }

    @Test
    void anUnknownModeNamesTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingConfig.builder().batches("pairs"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("fill, one-per-class");
    }
}
