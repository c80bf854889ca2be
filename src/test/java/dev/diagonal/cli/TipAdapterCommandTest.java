package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.eval.TipAdapter;
import dev.diagonal.project.RunFolder;
import dev.diagonal.train.TrainFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code finetune --method tip-adapter}, then {@code evaluate} and {@code export} of its run. */
class TipAdapterCommandTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll
    static void material() {
        System.setProperty("ai.djl.pytorch.num_threads", "1"); // tiny model on a shared 2-core box
        model = CliRunner.tinyModel(tmp.resolve("model"));
        data = TrainFixtures.shapes(tmp.resolve("shapes"), 3, 5);
    }

    @Test
    void trainsEvaluatesAndExportsATipAdapterRun() throws Exception {
        Path out = tmp.resolve("tip");
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", out.toString(), "--method", "tip-adapter", "--device", "cpu", "--batch-size", "8");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("tip-adapter: validation top-1 ", " at alpha ", "-> " + out.toAbsolutePath());
        assertThat(RunFolder.open(out).readRunJson().method()).isEqualTo("tip-adapter");
        assertThat(out.resolve(TipAdapter.FILE)).exists();

        Path result = tmp.resolve("eval.json");
        CliRunner.Outcome eval = CliRunner.run("evaluate", "--model", out.toString(), "--data", data.toString(),
                "--out", result.toString(), "--device", "cpu", "--batch-size", "8");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("zero-shot top-1 ", "tip-adapter top-1 ");
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.at("/metrics/zeroshot_top1").isNumber()).isTrue();
        assertThat(json.path("tip_adapter").path("top1").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.at("/metrics/tip_adapter_top1").asDouble()).isEqualTo(json.path("tip_adapter").path("top1").asDouble());
        assertThat(json.path("tip_adapter").path("classes")).hasSize(json.path("classes").size());

        Path exported = tmp.resolve("exported");
        CliRunner.Outcome export = CliRunner.run("export", "--run", out.toString(), "--out", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        TipAdapter original = TipAdapter.load(out.resolve(TipAdapter.FILE));
        TipAdapter copy = TipAdapter.load(exported.resolve(TipAdapter.FILE));
        assertThat(copy.keys()).isDeepEqualTo(original.keys());
        assertThat(copy.alpha()).isEqualTo(original.alpha());
        assertThat(Files.readString(exported.resolve("README.md"))).contains("exp(-beta * (1 - f @ keys.T)) @ values");
        CliRunner.Outcome again = CliRunner.run("export", "--run", out.toString(), "--out", exported.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("not empty");
    }
}
