package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.Lora;
import dev.diagonal.clip.StateDict;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * LoRA against peft + torch ({@code tools/reference/make_lora_fixtures.py}): the trainable parameter
 * count of {@code get_nb_trainable_parameters()} for several ranks and targets, and one training step
 * (fixed adapters with B non-zero, dropout 0, CLIP loss, clipping, AdamW): loss, gradient norm, every
 * adapter after the step and the stepped model's features within 1e-4.
 */
class LoraParityTest {

    static final double TOLERANCE = 1e-4;
    static final String BASE = "train/parity-model";

    @Test
    void trainableParameterCountsMatchPeft() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Fixtures.path("lora/lora.json").toFile());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (JsonNode count : reference.get("counts")) {
                ClipModel model = StateDict.load(Fixtures.path(BASE), manager);
                long base = model.stateDict().values().stream().mapToLong(p -> p.getArray().size()).sum();
                Lora lora = Lora.attach(model, count.get("rank").asInt(), 1, 0,
                        List.of(count.get("targets").asText().split(",")), 0, manager);
                long adapters = lora.parameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                System.out.printf("lora r=%d %s: %d trainable (peft %d) of %d%n", count.get("rank").asInt(),
                        count.get("targets").asText(), adapters, count.get("trainable").asLong(), base + adapters);
                assertThat(adapters).isEqualTo(count.get("trainable").asLong());
                assertThat(base + adapters).isEqualTo(count.get("total").asLong());
            }
        }
    }

    @Test
    void oneStepMatchesPeft() throws IOException {
        JsonNode step = new ObjectMapper().readTree(Fixtures.path("lora/lora.json").toFile()).get("step");
        Map<String, HostTensor> inputs = Safetensors.read(Fixtures.path("lora/step.inputs.safetensors"));
        Map<String, HostTensor> expected = Safetensors.read(Fixtures.path("lora/step.expected.safetensors"));
        GradMode.disableOnThisThread();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = StateDict.load(Fixtures.path(BASE), manager);
            model.stateDict().values().forEach(p -> p.freeze(true));
            Lora lora = Lora.attach(model, step.get("rank").asInt(), step.get("alpha").asDouble(), 0,
                    List.of(step.get("targets").asText().split(",")), 0, manager);
            lora.assign(Safetensors.read(Fixtures.path("lora/step.init.safetensors")), manager, "step.init.safetensors");
            Map<String, Parameter> trainable = lora.parameters();
            trainable.values().forEach(p -> p.freeze(false));
            NDArray pixels = array(manager, inputs.get("pixel_values"));
            NDArray ids = ids(manager, inputs.get("input_ids"));
            NDArray mask = ids(manager, inputs.get("attention_mask"));
            try (AdamW optimizer = new AdamW(trainable, manager, step.get("beta1").asDouble(), step.get("beta2").asDouble(),
                    step.get("eps").asDouble(), step.get("weight_decay").asDouble())) {
                double loss;
                try (NDScope scope = new NDScope()) {
                    loss = ContrastiveStep.forwardBackward(model, pixels, ids, mask, 1.0);
                }
                double norm = ContrastiveStep.update(model, trainable.values(), optimizer, step.get("lr").asDouble(),
                        step.get("clip_norm").asDouble());
                System.out.printf("lora step: loss %.7f (peft %.7f), grad norm %.5f (peft %.5f)%n", loss,
                        step.get("loss").asDouble(), norm, step.get("grad_norm").asDouble());
                assertThat(loss).isCloseTo(step.get("loss").asDouble(), Offset.offset(TOLERANCE));
                assertThat(norm / step.get("grad_norm").asDouble()).isCloseTo(1.0, Offset.offset(TOLERANCE));
                double worst = 0;
                for (Map.Entry<String, Parameter> entry : trainable.entrySet()) {
                    float[] target = expected.get("after." + entry.getKey()).data();
                    double diff = maxAbsDiff(entry.getValue().getArray().toFloatArray(), target);
                    worst = Math.max(worst, diff);
                    assertThat(diff).as(entry.getKey()).isLessThanOrEqualTo(TOLERANCE);
                }
                assertThat(expected.keySet().stream().filter(k -> k.startsWith("after."))).hasSize(trainable.size());
                try (NDScope scope = new NDScope()) {
                    double image = maxAbsDiff(model.imageFeatures(pixels).toFloatArray(), expected.get("image_features").data());
                    double text = maxAbsDiff(model.textFeatures(ids, mask).toFloatArray(), expected.get("text_features").data());
                    System.out.printf("lora step: max adapter diff %.3g; features diff image %.3g, text %.3g%n", worst, image, text);
                    assertThat(image).isLessThanOrEqualTo(TOLERANCE);
                    assertThat(text).isLessThanOrEqualTo(TOLERANCE);
                }
            }
        }
    }

    static NDArray array(NDManager manager, HostTensor tensor) {
        return manager.create(tensor.data(), new Shape(tensor.shape()));
    }

    static NDArray ids(NDManager manager, HostTensor tensor) {
        float[] values = tensor.data();
        long[] ids = new long[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) values[i];
        }
        return manager.create(ids, new Shape(tensor.shape()));
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
        }
        return worst;
    }
}
