package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The class-prompt loss ({@code --batches classes}) against PyTorch's cross-entropy and autograd
 * (tools/reference/make_class_loss_fixtures.py): loss and gradients within 1e-5.
 */
class ClassLossParityTest {

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        JsonNode c = new ObjectMapper().readTree(Fixtures.path("train/class_loss.json").toFile());
        float[][] images = floats(c.get("image_features"));
        float[][] texts = floats(c.get("class_features"));
        int[] labels = new ObjectMapper().convertValue(c.get("labels"), int[].class);
        float[] targets = new float[labels.length * texts.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i * texts.length + labels[i]] = 1f;
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray imageArray = manager.create(images);
            NDArray textArray = manager.create(texts);
            NDArray scale = manager.create((float) c.get("logit_scale").asDouble());
            for (NDArray x : new NDArray[] {imageArray, textArray, scale}) {
                x.setRequiresGradient(true);
            }
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = ContrastiveLoss.classes(imageArray, textArray, scale, targets);
                loss = value.getFloat();
                collector.backward(value);
            }
            assertThat((double) loss).isCloseTo(c.get("loss").asDouble(), offset(1e-5));
            assertClose(imageArray.getGradient().toFloatArray(), floats(c.get("grad_image_features")), "image grads");
            assertClose(textArray.getGradient().toFloatArray(), floats(c.get("grad_class_features")), "class grads");
            assertThat((double) scale.getGradient().getFloat()).isCloseTo(c.get("grad_logit_scale").asDouble(), offset(1e-5));
        }
    }

    private static void assertClose(float[] actual, float[][] expected, String what) {
        int k = 0;
        double worst = 0;
        for (float[] row : expected) {
            for (float v : row) {
                worst = Math.max(worst, Math.abs(actual[k++] - v));
            }
        }
        assertThat(k).as(what + " size").isEqualTo(actual.length);
        assertThat(worst).as(what + " max abs difference").isLessThan(1e-5);
    }

    private static float[][] floats(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (float) rows.get(i).get(j).asDouble();
            }
        }
        return out;
    }
}
