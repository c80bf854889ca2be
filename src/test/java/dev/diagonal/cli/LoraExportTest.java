package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.Lora;
import dev.diagonal.clip.StateDict;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.train.PeftAdapter;
import dev.diagonal.train.TrainFixtures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code finetune --method lora} then {@code export}: the merged HF folder gives the features of the base
 * model with the peft adapter applied (within 1e-4); the peft folder holds peft's two files and names.
 * That transformers and peft load them alike is checked by {@code tools/reference/check_lora_export.py}.
 */
class LoraExportTest {

    @Test
    void mergedAndPeftExportsAgree(@TempDir Path dir) throws Exception {
        Path model = TrainFixtures.tinyModel(dir.resolve("model"));
        Path data = TrainFixtures.shapes(dir.resolve("shapes"), 4, 2);
        Path run = dir.resolve("run");
        CliRunner.Outcome trained = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", run.toString(), "--method", "lora", "--lora-rank", "3", "--lora-alpha", "6", "--lora-dropout", "0",
                "--lora-targets", "q_proj,v_proj,out_proj", "--epochs", "2", "--lr", "1e-2", "--device", "cpu",
                "--batch-size", "8");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path merged = dir.resolve("merged");
        Path peft = dir.resolve("peft");
        assertThat(CliRunner.run("export", "--run", run.toString(), "--out", merged.toString()).exitCode()).isZero();
        CliRunner.Outcome exported = CliRunner.run("export", "--run", run.toString(), "--format", "peft", "--out", peft.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();

        Map<String, Object> config = new ObjectMapper().readValue(peft.resolve(PeftAdapter.CONFIG).toFile(), Map.class);
        assertThat(config).containsEntry("peft_type", "LORA").containsEntry("r", 3).containsEntry("lora_alpha", 6.0)
                .containsEntry("target_modules", List.of("q_proj", "v_proj", "out_proj"));
        Map<String, HostTensor> adapters = Safetensors.read(peft.resolve(PeftAdapter.WEIGHTS));
        assertThat(adapters).containsKey("base_model.model.vision_model.encoder.layers.0.self_attn.q_proj.lora_A.weight");
        Map<String, HostTensor> unprefixed = new HashMap<>();
        adapters.forEach((k, v) -> unprefixed.put(k.substring("base_model.model.".length()), v));

        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel base = StateDict.load(model, manager);
            Lora lora = Lora.attach(base, 3, 6, 0, List.of("q_proj", "v_proj", "out_proj"), 0, manager);
            lora.assign(unprefixed, manager, "adapter");
            ClipModel plain = StateDict.load(merged, manager);
            var vision = base.config().vision();
            Random random = new Random(5);
            float[] pixels = new float[2 * 3 * vision.imageSize() * vision.imageSize()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            NDArray x = manager.create(pixels, new Shape(2, 3, vision.imageSize(), vision.imageSize()));
            NDArray ids = manager.create(new long[] {1, 5, 7, 2, 1, 9, 2, 2}, new Shape(2, 4));
            double image = base.imageFeatures(x).sub(plain.imageFeatures(x)).abs().max().getFloat();
            double text = base.textFeatures(ids, null).sub(plain.textFeatures(ids, null)).abs().max().getFloat();
            double moved = base.imageFeatures(x).sub(StateDict.load(model, manager).imageFeatures(x)).abs().max().getFloat();
            System.out.printf("lora export: merged vs adapter features: image %.3g, text %.3g (adapter moved them by %.3g)%n",
                    image, text, moved);
            assertThat(image).isLessThanOrEqualTo(1e-4);
            assertThat(text).isLessThanOrEqualTo(1e-4);
            assertThat(moved).isGreaterThan(1e-3);
        }
    }
}
