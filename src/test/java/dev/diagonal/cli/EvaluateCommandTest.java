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
        for (String key : new String[] {"metrics", "classes", "per_class", "confusion", "predictions", "retrieval_pairs"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        for (String metric : new String[] {"zeroshot_top1", "zeroshot_top5", "image_to_text_r1", "image_to_text_r5",
                "image_to_text_r10", "image_to_text_mean_rank", "text_to_image_r1", "text_to_image_r5", "text_to_image_r10",
                "text_to_image_mean_rank", "recall_at_1"}) {
            assertThat(json.at("/metrics/" + metric).isNumber()).as(metric).isTrue();
        }
        assertThat(json.at("/metrics/image_to_text_r10").asDouble()).isGreaterThanOrEqualTo(json.at("/metrics/image_to_text_r1").asDouble());
        assertThat(json.get("predictions")).hasSize(6);
        assertThat(outcome.out()).contains("zero-shot top-1").contains("retrieval image->text R@1");
    }

    @Test
    void labelOnlyDataGiveNoRetrievalMetrics() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        Path data = EvalFixtures.shapes(tmp.resolve("data"), 2, 1);
        Path out = tmp.resolve("eval.json");

        CliRunner.Outcome outcome = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--out", out.toString(), "--device", "cpu");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("metrics").has("zeroshot_top1")).isTrue();
        assertThat(json.get("metrics").has("image_to_text_r1")).isFalse();
        assertThat(json.has("retrieval_pairs")).isFalse();
        assertThat(outcome.err()).contains("note: no retrieval scores");
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
