package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.TrainFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handoff} writes a job from Diagonal's data and settings; {@code import-run} brings a job's output back
 * as a run that {@code evaluate} and {@code export} use. The output is a committed trainer_state.json from a
 * 2-process run ({@code tools/reference/check_handoff.sh}) beside the tiny model, so no Python is needed.
 */
class HandoffCommandTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll
    static void material() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        model = CliRunner.tinyModel(tmp.resolve("model"));
        data = TrainFixtures.shapes(tmp.resolve("shapes"), 3, 5);
    }

    @Test
    void writesAJobWithTheSettingsAndWhatDoesNotCarryOver() throws IOException {
        Path job = tmp.resolve("job");
        CliRunner.Outcome outcome = CliRunner.run("handoff", "--model", model.toString(), "--train", data.toString(),
                "--out", job.toString(), "--epochs", "3", "--batch-size", "8", "--lr", "5e-4", "--freeze", "image:last=1",
                "--augment", "crop");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(job.resolve("launch.sh")).isExecutable();
        for (String file : List.of("train.py", "sbatch.sh", "fsdp.yaml", "requirements.txt", "README.md", "val.csv")) {
            assertThat(job.resolve(file)).isRegularFile();
        }
        List<String> rows = Files.readAllLines(job.resolve("train.csv"));
        assertThat(rows.get(0)).isEqualTo("image_path,caption");
        assertThat(rows).hasSizeGreaterThan(5);
        Path firstImage = Path.of(rows.get(1).substring(0, rows.get(1).indexOf(',')));
        assertThat(firstImage).isAbsolute().isRegularFile();
        JsonNode config = new ObjectMapper().readTree(job.resolve("job.json").toFile()).get("config");
        assertThat(config.get("lr").asDouble()).isEqualTo(5e-4);
        assertThat(config.get("epochs").asInt()).isEqualTo(3);
        assertThat(config.get("freeze").asText()).isEqualTo("image:last=1");
        assertThat(config.get("beta2").asDouble()).isEqualTo(0.98);
        assertThat(outcome.err()).contains("not carried over: augmentations (crop)", "not carried over: the class-prompt loss");
        assertThat(Files.readString(job.resolve("README.md"))).contains("augmentations (crop)", "freeze `image:last=1`")
                .doesNotContain("{{");
        assertThat(Files.readString(job.resolve("requirements.txt"))).contains("torch==2.13.0", "accelerate==1.15.0");
    }

    @Test
    void autoSettingsBecomeNumbersTheTrainerTakes() throws Exception {
        Path job = tmp.resolve("job-auto");
        CliRunner.Outcome auto = CliRunner.run("handoff", "--model", model.toString(), "--train", data.toString(),
                "--out", job.toString());
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.err()).contains("not carried over: the LR range test (--lr auto) runs only in Diagonal");
        JsonNode config = new ObjectMapper().readTree(job.resolve("job.json").toFile()).get("config");
        assertThat(config.get("lr").asDouble()).isEqualTo(1e-5);
        assertThat(config.get("epochs").asInt()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void badInputNamesTheFileOrSetting() {
        CliRunner.Outcome missing = CliRunner.run("handoff", "--model", model.toString(), "--train",
                tmp.resolve("nowhere.csv").toString(), "--out", tmp.resolve("job-missing").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("dataset not found", "nowhere.csv").doesNotContain("\tat ");
        assertThat(tmp.resolve("job-missing")).doesNotExist();

        CliRunner.Outcome badLr = CliRunner.run("handoff", "--model", model.toString(), "--train", data.toString(),
                "--out", tmp.resolve("job-lr").toString(), "--lr", "-1");
        assertThat(badLr.exitCode()).isEqualTo(1);
        assertThat(badLr.err()).contains("--lr must be a positive number");
        assertThat(tmp.resolve("job-lr")).doesNotExist();

        CliRunner.Outcome notModel = CliRunner.run("handoff", "--model", data.toString(), "--train", data.toString(),
                "--out", tmp.resolve("job-model").toString());
        assertThat(notModel.exitCode()).isEqualTo(1);
        assertThat(notModel.err()).contains("config.json");
    }

    /** The committed output of a 2-process job, with the tiny model as its final and best weights. */
    static Path jobOutput(Path dir) {
        Path output = dir.resolve("output");
        CliRunner.copyAll(Fixtures.path("handoff/output"), output);
        CliRunner.copyAll(model, output.resolve("final"));
        CliRunner.copyAll(model, output.resolve("best"));
        CliRunner.copy(output.resolve("best.json"), output.resolve("best/best.json"));
        return output;
    }

    @Test
    void importedRunIsEvaluatedAndExportedLikeAnyRun() throws IOException {
        Path output = jobOutput(tmp.resolve("done"));
        Path run = tmp.resolve("imported");
        CliRunner.Outcome imported = CliRunner.run("import-run", output.toString(), "--out", run.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 4 steps", "best val_loss 0.7782 at step 1",
                "no similarity snapshots: the job's val.csv");

        RunInfo info = RunFolder.open(run).readRunJson();
        assertThat(info.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(info.method()).isEqualTo("contrastive");
        assertThat(info.provenance().device()).contains("accelerate 1.15.0", "2 processes", "gloo");
        assertThat(info.provenance().pytorchVersion()).isEqualTo("2.13.0+cpu");
        assertThat(info.bestMetric().step()).isEqualTo(1L);
        List<Map<String, Object>> metrics = RunFolder.open(run).readMetrics();
        assertThat(metrics).filteredOn(m -> m.containsKey("loss") && m.containsKey("lr")).hasSize(4);
        assertThat(metrics).filteredOn(m -> "eval".equals(m.get("type")) && m.containsKey("val_loss")).hasSize(5);
        assertThat(run.resolve("checkpoints/step-4/model.safetensors")).isRegularFile();

        CliRunner.Outcome evaluated = CliRunner.run("evaluate", "--model", run.toString(), "--data", data.toString(),
                "--device", "cpu", "--out", tmp.resolve("eval.json").toString());
        assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("evaluating run imported, best/ (step 1)");
        assertThat(Files.readString(tmp.resolve("eval.json"))).contains("zeroshot_top1");

        CliRunner.Outcome latest = CliRunner.run("evaluate", "--model", run.toString(), "--data", data.toString(),
                "--checkpoint", "latest", "--device", "cpu", "--out", tmp.resolve("eval-latest.json").toString());
        assertThat(latest.exitCode()).as(latest.err()).isZero();
        assertThat(latest.err()).contains("checkpoints/step-4");

        CliRunner.Outcome exported = CliRunner.run("export", "--run", run.toString(), "--out", tmp.resolve("export").toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(tmp.resolve("export/model.safetensors")).isRegularFile();
        assertThat(tmp.resolve("export/tokenizer.json")).isRegularFile();
    }

    @Test
    void importReScoresTheProbeOnTheImportedCheckpoints() throws IOException {
        Path output = jobOutput(tmp.resolve("probed"));
        List<String> rows = new java.util.ArrayList<>(List.of("image_path,caption"));
        try (var images = Files.walk(data)) {
            images.filter(p -> p.toString().endsWith(".png")).sorted().limit(4)
                    .forEach(p -> rows.add(p.toAbsolutePath() + ",a " + p.getParent().getFileName() + " shape"));
        }
        Files.write(output.getParent().resolve("val.csv"), rows);
        Path run = tmp.resolve("probed-run");
        CliRunner.Outcome imported = CliRunner.run("import-run", output.toString(), "--out", run.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 similarity snapshots (the probe of 4 pairs re-scored)");
        assertThat(RunFolder.open(run).similaritySteps()).containsExactly(1L, 4L);
        assertThat(RunFolder.open(run).readSimilarity(4).matrix()).hasDimensions(4, 4);
    }

    @Test
    void importNamesTheMissingFileOrBadField() throws IOException {
        CliRunner.Outcome none = CliRunner.run("import-run", tmp.resolve("no-output").toString(), "--out", tmp.resolve("r0").toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no job output folder", "no-output");

        Path unfinished = jobOutput(tmp.resolve("unfinished"));
        Files.delete(unfinished.resolve("trainer_state.json"));
        CliRunner.Outcome noState = CliRunner.run("import-run", unfinished.toString(), "--out", tmp.resolve("r1").toString());
        assertThat(noState.err()).contains("trainer_state.json is missing", "did the job finish");
        assertThat(tmp.resolve("r1")).doesNotExist();

        Path badHistory = jobOutput(tmp.resolve("bad-history"));
        Files.writeString(badHistory.resolve("trainer_state.json"), "{\"global_step\": 3, \"log_history\": {\"loss\": 1}}");
        assertThat(CliRunner.run("import-run", badHistory.toString(), "--out", tmp.resolve("r2").toString()).err())
                .contains("trainer_state.json: log_history must be a list");

        Path badStep = jobOutput(tmp.resolve("bad-step"));
        Files.writeString(badStep.resolve("trainer_state.json"),
                "{\"global_step\": 3, \"log_history\": [{\"step\": 1, \"loss\": 1.0}, {\"loss\": 0.5}]}");
        assertThat(CliRunner.run("import-run", badStep.toString(), "--out", tmp.resolve("r3").toString()).err())
                .contains("log_history[1]: step must be a number");

        Path badLoss = jobOutput(tmp.resolve("bad-loss"));
        Files.writeString(badLoss.resolve("trainer_state.json"),
                "{\"global_step\": 3, \"log_history\": [{\"step\": 1, \"loss\": \"x\"}]}");
        assertThat(CliRunner.run("import-run", badLoss.toString(), "--out", tmp.resolve("r4").toString()).err())
                .contains("log_history[0]: loss must be a number");

        Path noStep = jobOutput(tmp.resolve("no-global"));
        Files.writeString(noStep.resolve("trainer_state.json"), "{\"log_history\": []}");
        assertThat(CliRunner.run("import-run", noStep.toString(), "--out", tmp.resolve("r5").toString()).err())
                .contains("global_step must be a whole number");

        Path noWeights = jobOutput(tmp.resolve("no-weights"));
        Files.delete(noWeights.resolve("final/model.safetensors"));
        CliRunner.Outcome weights = CliRunner.run("import-run", noWeights.toString(), "--out", tmp.resolve("r6").toString());
        assertThat(weights.exitCode()).isEqualTo(1);
        assertThat(weights.err()).contains("final/model.safetensors is missing");
    }
}
