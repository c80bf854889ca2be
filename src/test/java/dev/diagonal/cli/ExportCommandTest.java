package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.Fixtures;
import dev.diagonal.io.Safetensors;
import dev.diagonal.io.TensorDType;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void exportsARunsLatestCheckpointWithTheBaseModelsTokenizer() throws Exception {
        Path base = CliRunner.tinyModel(tmp.resolve("base"));
        RunFolder run = RunFolder.open(Files.createDirectories(tmp.resolve("run")));
        run.writeRunJson(RunInfo.create(run.id(), "contrastive", Map.of("model", base.toString()),
                Provenance.capture("cpu()", Fingerprint.ofModelDir(base), List.of(), 1)));
        CliRunner.copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), run.checkpointsDir().resolve("step-4"));
        Path out = tmp.resolve("hf");

        CliRunner.Outcome outcome = CliRunner.run("export", "--run", run.path().toString(), "--out", out.toString(), "--dtype", "f16");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("checkpoints/step-4").contains(out.toString());
        assertThat(out.resolve("tokenizer.json")).hasSameBinaryContentAs(base.resolve("tokenizer.json"));
        assertThat(out.resolve("preprocessor_config.json")).hasSameBinaryContentAs(base.resolve("preprocessor_config.json"));
        assertThat(Safetensors.readHeader(out.resolve("model.safetensors")).tensors().values())
                .allSatisfy(t -> assertThat(t.dtype()).isEqualTo(TensorDType.F16));
    }

    @Test
    void refusesToClobberAndNamesTheFolder() throws Exception {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        CliRunner.Outcome outcome = CliRunner.run("export", "--model", model.toString(), "--out", out.toString());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("diagonal: ").contains("taken").contains("--force").doesNotContain("Exception");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
        assertThat(CliRunner.run("export", "--model", model.toString(), "--out", out.toString(), "--force").exitCode()).isZero();
        assertThat(out.resolve("keep.txt")).doesNotExist();
    }

    @Test
    void usageErrors() {
        Path model = CliRunner.tinyModel(tmp.resolve("model"));
        assertThat(CliRunner.run("export", "--out", tmp.resolve("o").toString()).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("export", "--model", model.toString(), "--run", model.toString(), "--out", tmp.resolve("o").toString()).exitCode()).isEqualTo(2);
        CliRunner.Outcome notRun = CliRunner.run("export", "--run", model.toString(), "--out", tmp.resolve("o").toString());
        assertThat(notRun.exitCode()).isEqualTo(1);
        assertThat(notRun.err()).contains("not a run folder");
        CliRunner.Outcome dtype = CliRunner.run("export", "--model", model.toString(), "--out", tmp.resolve("o").toString(), "--dtype", "bf16");
        assertThat(dtype.exitCode()).isEqualTo(1);
        assertThat(dtype.err()).contains("--dtype");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
