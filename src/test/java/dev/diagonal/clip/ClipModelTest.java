package dev.diagonal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diagonal.DiagonalException;
import dev.diagonal.Fixtures;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model against HF {@code transformers}: golden fixtures made by
 * {@code tools/reference/make_model_fixtures.py} (three configs differing in activation, eps, heads,
 * widths, image/patch size, channels, pooling rule and storage dtype).
 */
class ClipModelTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-quickgelu-f16", "small-gelu-bf16", "mono-geluNew-sharded"})
    void featuresAndLogitsMatchTransformers(String name) {
        Path root = Fixtures.path("clip");
        Map<String, HostTensor> inputs = Safetensors.read(root.resolve(name + ".inputs.safetensors"));
        Map<String, HostTensor> expected = Safetensors.read(root.resolve(name + ".expected.safetensors"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = StateDict.load(root.resolve(name), manager);
            NDArray pixels = array(manager, inputs.get("pixel_values"));
            NDArray ids = array(manager, inputs.get("input_ids")).toType(ai.djl.ndarray.types.DataType.INT64, false);
            NDArray mask = array(manager, inputs.get("attention_mask")).toType(ai.djl.ndarray.types.DataType.INT64, false);

            NDArray image = model.imageFeatures(pixels);
            NDArray text = model.textFeatures(ids, mask);
            int dim = model.config().projectionDim();
            Fixtures.assertRowsClose(image.toFloatArray(), expected.get("image_embeds").data(), dim, TOLERANCE, name + " image_embeds");
            Fixtures.assertRowsClose(text.toFloatArray(), expected.get("text_embeds").data(), dim, TOLERANCE, name + " text_embeds");
            float[] logits = model.logitsPerImage(image, text).toFloatArray();
            Fixtures.assertRowsClose(logits, expected.get("logits_per_image").data(), (int) text.getShape().get(0), TOLERANCE, name + " logits");
            assertThat(model.logitScale().getFloat()).isEqualTo(expected.get("logit_scale").data()[0]);
        }
    }

    @Test
    void parametersCarryHfNames() {
        ClipModel model = new ClipModel(ClipConfig.read(Fixtures.path("clip/small-gelu-bf16")));
        assertThat(model.stateDict().keySet()).contains(
                "vision_model.encoder.layers.2.self_attn.q_proj.weight",
                "vision_model.pre_layrnorm.bias",
                "text_model.embeddings.token_embedding.weight",
                "text_model.final_layer_norm.weight",
                "visual_projection.weight", "text_projection.weight", "logit_scale");
        assertThat(model.stateDict().keySet())
                .containsExactlyInAnyOrderElementsOf(HfWeights.load(Fixtures.path("clip/small-gelu-bf16")).keySet());
    }

    @Test
    void aTensorOfTheWrongShapeIsNamedWithBothShapes() {
        Path dir = Fixtures.path("clip/small-gelu-bf16");
        Map<String, HostTensor> tensors = new HashMap<>(HfWeights.load(dir));
        HostTensor q = tensors.get("text_model.encoder.layers.1.self_attn.q_proj.weight");
        tensors.put(q.name(), new HostTensor(q.name(), q.sourceType(), new long[] {40, 20}, new float[800]));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = new ClipModel(ClipConfig.read(dir));
            assertThatThrownBy(() -> StateDict.assign(model, tensors, manager, "ckpt"))
                    .isInstanceOf(DiagonalException.class)
                    .hasMessageContaining("text_model.encoder.layers.1.self_attn.q_proj.weight")
                    .hasMessageContaining("(40, 20)").hasMessageContaining("(40, 40)");
        }
    }

    @Test
    void aMissingTensorIsNamed() {
        Path dir = Fixtures.path("clip/small-gelu-bf16");
        Map<String, HostTensor> tensors = new HashMap<>(HfWeights.load(dir));
        tensors.remove("visual_projection.weight");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = new ClipModel(ClipConfig.read(dir));
            assertThatThrownBy(() -> StateDict.assign(model, tensors, manager, "ckpt"))
                    .isInstanceOf(DiagonalException.class).hasMessageContaining("visual_projection.weight");
        }
    }

    private static NDArray array(NDManager manager, HostTensor tensor) {
        return manager.create(tensor.data(), new Shape(tensor.shape()));
    }
}
