package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multi-positive loss against PyTorch autograd (tools/reference/make_multipositive_fixtures.py): loss and
 * gradients within 1e-4, on a batch with shared classes and on one of distinct pairs (where it is CLIP's loss).
 */
class MultiPositiveParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"mixed", "identity"})
    void lossAndGradientsMatchPyTorch(String name) throws IOException {
        JsonNode c = new ObjectMapper().readTree(Fixtures.path("train/multipositive.json").toFile()).get("cases").get(name);
        List<String> keys = new ArrayList<>();
        c.get("keys").forEach(k -> keys.add(k.asText()));
        long[][] tokens = longs(c.get("tokens"));
        PositivePairs pairs = PositivePairs.of(keys, tokens);
        int[] expectedColumns = new ObjectMapper().convertValue(c.get("columns"), int[].class);
        assertThat(pairs.textRows()).isEqualTo(expectedColumns);
        assertThat(pairs.identity()).isEqualTo(name.equals("identity"));

        float[][] images = floats(c.get("image_features"));
        float[][] allTexts = floats(c.get("text_features"));
        float[][] texts = new float[expectedColumns.length][];
        for (int j = 0; j < texts.length; j++) {
            texts[j] = allTexts[expectedColumns[j]];
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
                NDArray value = ContrastiveLoss.multiPositive(imageArray, textArray, scale, pairs);
                loss = value.getFloat();
                collector.backward(value);
            }
            assertThat((double) loss).isCloseTo(c.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            assertClose(imageArray.getGradient().toFloatArray(), floats(c.get("grad_image_features")), "image grads");
            assertClose(textArray.getGradient().toFloatArray(), floats(c.get("grad_text_features")), "text grads");
            assertThat((double) scale.getGradient().getFloat())
                    .isCloseTo(c.get("grad_logit_scale").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            if (pairs.identity()) {
                float plain = ContrastiveLoss.compute(imageArray, textArray, scale).getFloat();
                assertThat(plain).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-6f));
            }
            assertThat(imageArray.getGradient().getShape()).isEqualTo(new Shape(images.length, images[0].length));
        }
    }

    private static void assertClose(float[] actual, float[][] expected, String what) {
        float[] flat = new float[actual.length];
        int k = 0;
        for (float[] row : expected) {
            for (float v : row) {
                flat[k++] = v;
            }
        }
        assertThat(k).as(what + " size").isEqualTo(actual.length);
        double worst = 0;
        for (int i = 0; i < flat.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - flat[i]));
        }
        assertThat(worst).as(what + " max abs difference").isLessThan(1e-4);
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

    private static long[][] longs(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new long[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asLong();
            }
        }
        return out;
    }
}
