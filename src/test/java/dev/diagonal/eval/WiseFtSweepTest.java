package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.io.TensorDType;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiseFtSweepTest {

    @TempDir
    Path tmp;

    /** A run whose only checkpoint is {@code base} with every float weight changed. */
    private Path fakeRun(Path base) throws IOException {
        RunFolder run = RunFolder.open(Files.createDirectories(tmp.resolve("run")));
        run.writeRunJson(RunInfo.create(run.id(), "contrastive", Map.of("model", base.toString()),
                Provenance.capture("cpu()", Fingerprint.ofModelDir(base), List.of(), 1)));
        Path step = Files.createDirectories(run.checkpointsDir().resolve("step-4"));
        try (Stream<Path> files = Files.list(base)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals(HfWeights.SINGLE_FILE)).toList()) {
                Files.copy(f, step.resolve(f.getFileName()));
            }
        }
        List<HostTensor> changed = new ArrayList<>();
        for (HostTensor t : HfWeights.load(base).values()) {
            float[] d = t.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] * 1.5f + 0.02f * ((i * 7919) % 13 - 6);
            }
            changed.add(HostTensor.of(t.name(), d, t.shape()));
        }
        Safetensors.write(step.resolve(HfWeights.SINGLE_FILE), changed, Map.of("format", "pt"), TensorDType.F32);
        return run.path();
    }

    private static Map<String, Object> evaluate(Path model, Path data, List<Double> alphas) {
        return Evaluation.run(new Evaluation.Request(model, data, null, "cpu", 4, false, alphas), (d, t) -> {},
                n -> {}, () -> false);
    }

    @Test
    void alphaZeroScoresTheStartingModelAndAlphaOneTheRun() throws IOException {
        Path base = EvalFixtures.tinyModel(tmp.resolve("base"));
        Path run = fakeRun(base);
        Path data = EvalFixtures.captionedShapes(tmp.resolve("caps"), 4, 2);

        Map<String, Object> swept = evaluate(run, data, List.of(0.0, 0.5, 1.0));
        Map<String, Object> start = evaluate(base, data, List.of());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) swept.get("wise_ft");
        assertThat(rows).extracting(r -> r.get("alpha")).containsExactly(0.0, 0.5, 1.0);
        assertThat(rows.get(0).get("metrics")).isEqualTo(start.get("metrics")); // same names, same numbers
        assertThat(rows.get(2).get("metrics")).isEqualTo(swept.get("metrics"));
        assertThat(start.get("metrics")).isNotEqualTo(swept.get("metrics")); // the run did change the model
        assertThat(rows.get(0).keySet()).containsExactly("alpha", "metrics");
        assertThat(new ArrayList<Object>(((Map<?, ?>) rows.get(0).get("metrics")).keySet())).contains("zeroshot_top1", "zeroshot_top5", "image_to_text_r1");
    }

    @Test
    void aModelFolderHasNoStartingModelToInterpolate() {
        Path base = EvalFixtures.tinyModel(tmp.resolve("base"));
        Path data = EvalFixtures.captionedShapes(tmp.resolve("caps"), 2, 1);
        assertThatThrownBy(() -> evaluate(base, data, List.of(0.5)))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--wise-ft needs a fine-tuned run folder");
    }

    @Test
    void alphaOutsideTheUnitIntervalNamesTheFlag() throws IOException {
        Path base = EvalFixtures.tinyModel(tmp.resolve("base"));
        Path run = fakeRun(base);
        Path data = EvalFixtures.captionedShapes(tmp.resolve("caps"), 2, 1);
        assertThatThrownBy(() -> evaluate(run, data, List.of(1.5)))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--wise-ft must be in [0, 1]");
    }
}
