package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.io.TensorDType;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiseFtExportTest {

    @TempDir
    Path tmp;

    /** A fake run whose checkpoint is the base model with every float weight changed. */
    private RunFolder fakeRun(Path base) throws Exception {
        RunFolder run = RunFolder.open(Files.createDirectories(tmp.resolve("run")));
        run.writeRunJson(RunInfo.create(run.id(), "contrastive", Map.of("model", base.toString()),
                Provenance.capture("cpu()", Fingerprint.ofModelDir(base), List.of(), 1)));
        Path step = run.checkpointsDir().resolve("step-4");
        CliRunner.copyAll(base, step);
        List<HostTensor> changed = new ArrayList<>();
        for (HostTensor t : HfWeights.load(base).values()) {
            float[] d = t.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] * 1.5f + 0.01f * (i % 7);
            }
            changed.add(HostTensor.of(t.name(), d, t.shape()));
        }
        Files.delete(step.resolve(HfWeights.SINGLE_FILE));
        Safetensors.write(step.resolve(HfWeights.SINGLE_FILE), changed, Map.of("format", "pt"), TensorDType.F32);
        return run;
    }

    private Map<String, HostTensor> export(RunFolder run, String alpha) {
        Path out = tmp.resolve("hf-" + alpha);
        CliRunner.Outcome outcome = CliRunner.run("export", "--run", run.path().toString(), "--wise-ft", alpha,
                "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(out.resolve(WiseFtExport.PROVENANCE)).content().contains("\"alpha\": " + Double.parseDouble(alpha));
        return HfWeights.load(out);
    }

    @Test
    void exportEqualsTheInterpolationTensorByTensor() throws Exception {
        Path base = CliRunner.tinyModel(tmp.resolve("base"));
        RunFolder run = fakeRun(base);
        Map<String, HostTensor> start = HfWeights.load(base);
        Map<String, HostTensor> tuned = HfWeights.load(run.checkpointsDir().resolve("step-4"));

        Map<String, HostTensor> zero = export(run, "0");
        Map<String, HostTensor> one = export(run, "1");
        Map<String, HostTensor> half = export(run, "0.5");

        assertThat(zero.keySet()).isEqualTo(tuned.keySet());
        for (String key : tuned.keySet()) {
            assertThat(zero.get(key).data()).as(key).containsExactly(start.get(key).data());
            assertThat(one.get(key).data()).as(key).containsExactly(tuned.get(key).data());
            float[] x = start.get(key).data();
            float[] y = tuned.get(key).data();
            float[] m = half.get(key).data();
            for (int i = 0; i < m.length; i++) {
                assertThat(m[i]).as(key + "[" + i + "]").isEqualTo((x[i] + y[i]) / 2f);
            }
        }
        assertThat(start.get(tuned.keySet().iterator().next()).data())
                .isNotEqualTo(tuned.get(tuned.keySet().iterator().next()).data());
    }

    @Test
    void alphaOutOfRangeNamesTheFlag() throws Exception {
        Path base = CliRunner.tinyModel(tmp.resolve("base"));
        RunFolder run = fakeRun(base);
        CliRunner.Outcome outcome = CliRunner.run("export", "--run", run.path().toString(), "--wise-ft", "1.2",
                "--out", tmp.resolve("o").toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("--wise-ft");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
