package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling, resuming, and the guards: a resumed run ends with the weights of an uninterrupted one. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class TrainerResumeTest {

    @TempDir
    static Path shared;
    static Path model;
    static Path data;

    @BeforeAll
    static void material() {
        TestEngine.oneThread();
        model = TrainFixtures.tinyModel(shared.resolve("model"));
        data = TrainFixtures.shapes(shared.resolve("shapes"), 4, 2);
    }

    static TrainingConfig.Builder config() {
        return TrainingConfig.builder().epochs(4).batchSize(8).lr(1e-3).device("cpu").valFraction(0.25).evalEvery(3)
                .checkpointEvery(2).accumulation(2);
    }

    static TrainingResult start(Path runDir, Path train, TrainingConfig config, TrainingListener listener,
            java.util.function.BooleanSupplier cancelled) {
        return FineTuning.start(RunDestination.at(runDir), new TrainingRequest(model, train, null, config), listener, cancelled);
    }

    @Test
    void cancelledThenResumedEqualsUninterrupted(@TempDir Path runs) {
        TrainingResult whole = start(runs.resolve("whole"), data, config().build(),
                TrainingListener.NONE, () -> false);
        assertThat(whole.status()).as(whole.message()).isEqualTo(RunStatus.COMPLETED);

        RecordingListener first = new RecordingListener();
        TrainingResult cancelled = start(runs.resolve("split"), data, config().build(),
                first, () -> first.losses.size() >= 3);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.step()).isEqualTo(3);
        assertThat(cancelled.message()).contains("diagonal resume");
        RunFolder split = RunFolder.open(runs.resolve("split"));
        assertThat(split.readRunJson().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(split.lockState()).isEqualTo(RunLock.State.FREE);
        assertThat(split.checkpointsDir().resolve("step-3/state.json")).exists();

        RecordingListener second = new RecordingListener();
        TrainingResult resumed = FineTuning.resume(split, second, () -> false);
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.plans.get(0).startStep()).isEqualTo(3);
        assertThat(resumed.step()).isEqualTo(whole.step());

        double diff = maxDiff(finalWeights(runs.resolve("whole"), whole.step()), finalWeights(runs.resolve("split"), resumed.step()));
        System.out.printf("resume: %d steps uninterrupted vs 3 + %d resumed: max weight diff %.3g%n", whole.step(),
                resumed.step() - 3, diff);
        assertThat(diff).isLessThanOrEqualTo(1e-6);
        List<Map<String, Object>> records = split.readMetrics();
        List<Object> steps = records.stream().filter(r -> r.containsKey("loss")).map(r -> r.get("step")).toList();
        assertThat(steps).hasSize((int) whole.step()).doesNotHaveDuplicates();
        assertThat(runs.resolve("split/checkpoints").toFile().list((dir, name) -> name.startsWith("step-"))).hasSize(2);
        assertThatThrownBy(() -> FineTuning.resume(split, TrainingListener.NONE, () -> false))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("already completed");
    }

    @Test
    void aDivergingLossFailsTheRunAndKeepsTheLastGoodCheckpoint(@TempDir Path runs) {
        RecordingListener listener = new RecordingListener();
        TrainingResult result = start(runs.resolve("run"), data,
                config().lr(1e9).warmupSteps(0).clipNorm(0.0).accumulation(1).checkpointEvery(1).build(),
                listener, () -> false);
        System.out.println("NaN guard: " + result.message() + " losses " + listener.losses);
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.message()).containsAnyOf("NaN", "Infinity", "not finite").contains("--lr");
        RunFolder run = RunFolder.open(runs.resolve("run"));
        assertThat(run.readRunJson().status()).isEqualTo(RunStatus.FAILED);
        Path latest = new CheckpointStore(run, 2).latest().orElseThrow();
        for (HostTensor tensor : Safetensors.read(latest.resolve("model.safetensors")).values()) {
            for (float v : tensor.data()) {
                assertThat(Float.isFinite(v)).as(tensor.name()).isTrue();
            }
        }
    }

    @Test
    void badDataGetsTheValidationReportAndLeavesNoRun(@TempDir Path runs) throws Exception {
        Path manifest = runs.resolve("data.csv");
        Files.writeString(manifest, "image,caption\nmissing.png,a cat\nalso-missing.png,a dog\n");
        assertThatThrownBy(() -> start(runs.resolve("run"), manifest, config().build(),
                TrainingListener.NONE, () -> false))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("no usable samples")
                .hasMessageContaining("missing.png");
        assertThat(runs.resolve("run")).doesNotExist();
    }

    static Map<String, HostTensor> finalWeights(Path run, long step) {
        return Safetensors.read(run.resolve("checkpoints/step-" + step + "/model.safetensors"));
    }

    static double maxDiff(Map<String, HostTensor> a, Map<String, HostTensor> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        double worst = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name).data();
            float[] y = b.get(name).data();
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs((double) x[i] - y[i]));
            }
        }
        return worst;
    }
}
