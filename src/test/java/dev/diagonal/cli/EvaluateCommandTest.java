package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.eval.EvalFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesZeroShotKeysAndRetrieval() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        Path data = EvalFixtures.captionedShapes(tmp.resolve("data"), 2, 1);
        Path out = tmp.resolve("eval.json");

        CliRunner.Outcome outcome = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--out", out.toString(), "--device", "cpu");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        for (String key : new String[] {"top1", "top5", "classes", "per_class", "confusion", "predictions"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        for (String way : new String[] {"image_to_text", "text_to_image"}) {
            for (String metric : new String[] {"r1", "r5", "r10", "mean_rank"}) {
                assertThat(json.at("/retrieval/" + way + "/" + metric).isNumber()).as(way + " " + metric).isTrue();
            }
        }
        assertThat(json.at("/retrieval/image_to_text/r10").asDouble()).isGreaterThanOrEqualTo(json.at("/retrieval/image_to_text/r1").asDouble());
        assertThat(json.get("predictions")).hasSize(6);
        assertThat(outcome.out()).contains("zero-shot top-1").contains("retrieval image->text R@1");
    }

    @Test
    void labelOnlyDataGiveNullRetrieval() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        Path data = EvalFixtures.shapes(tmp.resolve("data"), 2, 1);
        Path out = tmp.resolve("eval.json");

        CliRunner.Outcome outcome = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--out", out.toString(), "--device", "cpu");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.has("retrieval")).isTrue();
        assertThat(json.get("retrieval").isNull()).isTrue();
        assertThat(outcome.err()).contains("note: retrieval is null");
    }

    @Test
    void badInputsFailWithOneLine() {
        Path out = tmp.resolve("eval.json");
        CliRunner.Outcome outcome = CliRunner.run("evaluate", "--model", tmp.resolve("absent").toString(),
                "--data", tmp.toString(), "--out", out.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("diagonal: ").contains("absent").doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }
}
