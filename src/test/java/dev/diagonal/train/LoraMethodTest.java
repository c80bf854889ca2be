package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lora method: trains only adapters, its loss falls, checkpoints hold only adapters, resume is exact. */
class LoraMethodTest {

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
        return TrainingConfig.builder().method(Methods.LORA).loraRank(4).loraAlpha(8).loraDropout(0).epochs(6)
                .batchSize(8).lr(1e-2).device("cpu").valFraction(0.25).evalEvery(3).checkpointEvery(2).warmupSteps(0);
    }

    static TrainingResult start(Path runDir, TrainingConfig config, TrainingListener listener,
            java.util.function.BooleanSupplier cancelled) {
        return FineTuning.start(RunDestination.at(runDir), new TrainingRequest(model, data, null, config), listener, cancelled);
    }

    @Test
    void trainsAdaptersOnlyAndResumesExactly(@TempDir Path runs) {
        RecordingListener listener = new RecordingListener();
        TrainingResult whole = start(runs.resolve("whole"), config().build(), listener, () -> false);
        assertThat(whole.status()).as(whole.message()).isEqualTo(RunStatus.COMPLETED);
        System.out.println("lora losses " + listener.losses);
        int n = listener.losses.size();
        double first = (listener.losses.get(1L) + listener.losses.get(2L)) / 2;
        double last = (listener.losses.get((long) n) + listener.losses.get((long) n - 1)) / 2;
        assertThat(last).isLessThan(first);

        Path checkpoint = runs.resolve("whole/checkpoints/step-" + whole.step());
        assertThat(checkpoint.resolve(CheckpointStore.MODEL)).doesNotExist();
        Map<String, HostTensor> adapters = Safetensors.read(checkpoint.resolve(LoraMethod.ADAPTER_FILE));
        assertThat(adapters.keySet()).allMatch(k -> k.contains(".lora_A.weight") || k.contains(".lora_B.weight"))
                .contains("vision_model.encoder.layers.0.self_attn.q_proj.lora_A.weight",
                        "text_model.encoder.layers.0.self_attn.out_proj.lora_B.weight");
        assertThat(Safetensors.read(checkpoint.resolve(CheckpointStore.EXP_AVG)).keySet())
                .allMatch(k -> k.startsWith(AdamW.EXP_AVG) && k.contains(".lora_"));

        RecordingListener part = new RecordingListener();
        TrainingResult cancelled = start(runs.resolve("split"), config().build(), part, () -> part.losses.size() >= 3);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        TrainingResult resumed = FineTuning.resume(RunFolder.open(runs.resolve("split")), TrainingListener.NONE, () -> false);
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.step()).isEqualTo(whole.step());
        Map<String, HostTensor> after = Safetensors.read(runs.resolve("split/checkpoints/step-" + resumed.step())
                .resolve(LoraMethod.ADAPTER_FILE));
        double diff = TrainerResumeTest.maxDiff(adapters, after);
        System.out.printf("lora resume: max adapter diff %.3g%n", diff);
        assertThat(diff).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void withDropoutARunRepeatsInOneProcessAndResumesExactly(@TempDir Path runs) {
        TrainingConfig dropout = config().loraDropout(0.25).build();
        TrainingResult whole = start(runs.resolve("whole"), dropout, TrainingListener.NONE, () -> false);
        Map<String, HostTensor> adapters = Safetensors.read(runs.resolve("whole/checkpoints/step-" + whole.step())
                .resolve(LoraMethod.ADAPTER_FILE));
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            manager.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1000)); // the engine's generator moves on
        }
        RecordingListener part = new RecordingListener();
        TrainingResult cancelled = start(runs.resolve("split"), dropout, part, () -> part.losses.size() >= 3);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        TrainingResult resumed = FineTuning.resume(RunFolder.open(runs.resolve("split")), TrainingListener.NONE, () -> false);
        assertThat(resumed.step()).isEqualTo(whole.step());
        Map<String, HostTensor> after = Safetensors.read(runs.resolve("split/checkpoints/step-" + resumed.step())
                .resolve(LoraMethod.ADAPTER_FILE));
        assertThat(TrainerResumeTest.maxDiff(adapters, after)).isLessThanOrEqualTo(1e-6);
    }
}
