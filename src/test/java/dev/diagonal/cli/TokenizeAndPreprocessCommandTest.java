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

/** {@code tokenize} and {@code preprocess} against HF's CLIPTokenizer and CLIPImageProcessor (e2e fixture). */
class TokenizeAndPreprocessCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void tokenizeGivesHfIdsUnpaddedAndTruncated() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        JsonNode expected = JSON.readTree(Fixtures.path("e2e/expected.json").toFile());
        List<String> args = new ArrayList<>(List.of("tokenize", "--model", model.toString()));
        expected.get("texts").forEach(t -> args.addAll(List.of("--text", t.asText())));
        Path out = tmp.resolve("ids.json");
        args.addAll(List.of("--out", out.toString()));
        CliRunner.Outcome outcome = CliRunner.run(args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(JSON.readTree(out.toFile()).get("input_ids")).isEqualTo(expected.get("input_ids"));
        assertThat(expected.get("input_ids").get(4)).hasSize(77);
    }

    @Test
    void preprocessGivesHfPixelValues() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        JsonNode expected = JSON.readTree(Fixtures.path("e2e/expected.json").toFile());
        List<String> args = new ArrayList<>(List.of("preprocess", "--model", model.toString()));
        expected.get("images").forEach(n -> args.addAll(List.of("--image", Fixtures.path("e2e/images/" + n.asText()).toString())));
        Path out = tmp.resolve("px.json");
        args.addAll(List.of("--out", out.toString()));
        CliRunner.Outcome outcome = CliRunner.run(args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode actual = JSON.readTree(out.toFile()).get("pixel_values");
        JsonNode want = expected.get("pixel_values");
        assertThat(actual.size()).isEqualTo(want.size());
        double worst = 0;
        for (int i = 0; i < want.size(); i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        worst = Math.max(worst, Math.abs(actual.get(i).get(c).get(y).get(x).asDouble() - want.get(i).get(c).get(y).get(x).asDouble()));
                    }
                }
            }
        }
        assertThat(worst).as("max normalised difference").isLessThan(1e-5);
    }
}
