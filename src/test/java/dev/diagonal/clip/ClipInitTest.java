package dev.diagonal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diagonal.io.HostTensor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Random initialisation follows HF's CLIP rules and fits the model it is drawn for. */
class ClipInitTest {

    private static ClipConfig config() {
        return new ClipConfig(
                new ClipTextConfig(1000, 64, 128, 2, 4, 16, HiddenAct.QUICK_GELU, 1e-5, 0, 999, 999),
                new ClipVisionConfig(96, 192, 3, 4, 3, 32, 8, HiddenAct.QUICK_GELU, 1e-5), 48, 2.6592);
    }

    private static double std(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v / (double) values.length;
        }
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean) / values.length;
        }
        return Math.sqrt(var);
    }

    @Test
    void drawsEveryTensorWithHfStandardDeviations() {
        ClipConfig config = config();
        Map<String, HostTensor> tensors = ClipInit.random(config, 3).stream()
                .collect(Collectors.toMap(HostTensor::name, t -> t));
        Map<String, Shape> expected = new ClipModel(config).expectedShapes();
        assertThat(tensors.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(new Shape(tensors.get(name).shape())).as(name).isEqualTo(shape));

        assertThat(tensors.get("logit_scale").data()[0]).isEqualTo(2.6592f);
        assertThat(tensors.get("text_model.final_layer_norm.weight").data()).containsOnly(1f);
        assertThat(tensors.get("vision_model.pre_layrnorm.bias").data()).containsOnly(0f);
        assertThat(tensors.get("text_model.encoder.layers.0.self_attn.q_proj.bias").data()).containsOnly(0f);
        assertThat(std(tensors.get("text_model.embeddings.token_embedding.weight").data())).isCloseTo(0.02, within(0.001));
        // attention in-projections: width^-0.5 * (2 * layers)^-0.5 = 96^-0.5 * 6^-0.5 for the vision tower
        assertThat(std(tensors.get("vision_model.encoder.layers.1.self_attn.k_proj.weight").data()))
                .isCloseTo(Math.pow(96, -0.5) / Math.sqrt(6), within(0.003));
        assertThat(std(tensors.get("vision_model.encoder.layers.0.mlp.fc1.weight").data()))
                .isCloseTo(Math.pow(2 * 96, -0.5), within(0.003));
        assertThat(std(tensors.get("visual_projection.weight").data())).isCloseTo(Math.pow(96, -0.5), within(0.005));
    }

    @Test
    void isReproducibleBySeedAndLoadsIntoTheModel() {
        List<HostTensor> a = ClipInit.random(config(), 11);
        List<HostTensor> b = ClipInit.random(config(), 11);
        List<HostTensor> c = ClipInit.random(config(), 12);
        int k = a.stream().map(HostTensor::name).toList().indexOf("text_model.encoder.layers.0.mlp.fc1.weight");
        assertThat(a.get(k).data()).isEqualTo(b.get(k).data());
        assertThat(a.get(k).data()).isNotEqualTo(c.get(k).data());
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config());
            StateDict.assign(model, a.stream().collect(Collectors.toMap(HostTensor::name, t -> t)), manager, "random");
            assertThat(model.stateDict()).hasSize(a.size());
        }
    }
}
