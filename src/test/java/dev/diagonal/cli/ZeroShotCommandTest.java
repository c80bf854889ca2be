package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheContractKeysOverAnImageFolder() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        Path data = tmp.resolve("data");
        CliRunner.copy(Fixtures.path("e2e/images/wide.png"), Files.createDirectories(data.resolve("red_apple")).resolve("a.png"));
        CliRunner.copy(Fixtures.path("e2e/images/gray.png"), data.resolve("red_apple/b.png"));
        CliRunner.copy(Fixtures.path("e2e/images/tall.jpg"), Files.createDirectories(data.resolve("sea-turtle")).resolve("c.jpg"));
        Path templates = Files.writeString(tmp.resolve("templates.txt"), "a photo of a {}.\n# comment\nan emoji of {}.\n");
        Path out = tmp.resolve("zs.json");

        CliRunner.Outcome outcome = CliRunner.run("zeroshot", "--model", model.toString(), "--data", data.toString(),
                "--templates", templates.toString(), "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.has("metrics") && json.has("per_class") && json.has("confusion")).isTrue();
        assertThat(json.has("top1") || json.has("top5")).isFalse(); // named as evaluate and metrics.jsonl name them
        assertThat(json.at("/metrics/zeroshot_top1").isNumber()).isTrue();
        assertThat(json.get("classes").toString()).isEqualTo("[\"red apple\",\"sea turtle\"]");
        assertThat(json.at("/metrics/zeroshot_top5").asDouble()).isEqualTo(1.0); // two classes: always in the top 5
        assertThat(json.get("predictions")).hasSize(3);
        JsonNode first = json.get("predictions").get(0);
        assertThat(first.get("image").asText()).isEqualTo("red_apple/a.png");
        assertThat(first.get("label").asText()).isEqualTo("red apple");
        assertThat(first.has("predicted") && first.has("score")).isTrue();
        assertThat(json.get("confusion").get(0).get(0).asInt() + json.get("confusion").get(0).get(1).asInt()).isEqualTo(2);
    }
}
