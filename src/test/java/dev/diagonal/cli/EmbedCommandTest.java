package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./diagonal embed} end to end against HF: image files through CLIPImageProcessor and texts
 * through CLIPTokenizer into CLIPModel ({@code tools/reference/make_e2e_fixtures.py}).
 */
class EmbedCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void imagesAndTextsMatchTransformersEndToEnd() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        JsonNode expected = JSON.readTree(Fixtures.path("e2e/expected.json").toFile());
        List<String> args = new ArrayList<>(List.of("embed", "--model", model.toString(), "--device", "cpu", "--batch-size", "2"));
        expected.get("images").forEach(n -> args.addAll(List.of("--image", Fixtures.path("e2e/images/" + n.asText()).toString())));
        expected.get("texts").forEach(n -> args.addAll(List.of("--text", n.asText())));
        Path out = tmp.resolve("out.json");
        args.addAll(List.of("--out", out.toString()));

        CliRunner.Outcome outcome = CliRunner.run(args.toArray(String[]::new));

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode actual = JSON.readTree(out.toFile());
        for (String key : List.of("image_embeds", "text_embeds")) {
            assertThat(actual.get(key).size()).isEqualTo(expected.get(key).size());
            for (int i = 0; i < expected.get(key).size(); i++) {
                Fixtures.assertRowsClose(floats(actual.get(key).get(i)), floats(expected.get(key).get(i)),
                        expected.get(key).get(i).size(), 1e-4, key + "[" + i + "]");
            }
        }
        assertThat(actual.get("logit_scale").asDouble()).isEqualTo(expected.get("logit_scale").asDouble());
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
