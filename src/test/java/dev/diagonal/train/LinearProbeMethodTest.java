package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.eval.EvalFixtures;
import dev.diagonal.eval.LinearProbe;
import dev.diagonal.eval.LinearProbeResultFile;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linear-probe method, run through {@link FineTuning} as every caller does. */
class LinearProbeMethodTest {

    @TempDir
    Path tmp;

    private Path model;

    /** Records every event. */
    static final class Recorder implements TrainingListener {
        final List<Map<String, Double>> events = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void onEvaluation(EvaluationEvent evaluation) {
            steps.add(evaluation.step());
            events.add(evaluation.metrics());
        }

        @Override
        public void onWarning(String message) {
            warnings.add(message);
        }

        List<Map<String, Double>> having(String key) {
            return events.stream().filter(e -> e.containsKey(key)).toList();
        }
    }

    @BeforeEach
    void setUp() {
        model = EvalFixtures.tinyModel(tmp.resolve("model"));
    }

    static TrainingConfig probe(int shots, long seed, int batchSize) {
        return TrainingConfig.builder().method(Methods.LINEAR_PROBE).shots(shots).seed(seed).device("cpu")
                .batchSize(batchSize).build();
    }

    static TrainingResult run(Path model, Path train, Path val, Path runDir, TrainingConfig config,
            TrainingListener listener, java.util.function.BooleanSupplier cancelled) {
        return FineTuning.start(RunDestination.at(runDir), new TrainingRequest(model, train, val, config), listener, cancelled);
    }

    @Test
    void aRunLeavesACompleteValidRunFolder() throws IOException {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 10, 1);
        Path runDir = tmp.resolve("runs/probe");
        Recorder recorder = new Recorder();

        TrainingResult result = run(model, train, null, runDir, probe(0, 5, 8), recorder, () -> false);

        RunFolder run = RunFolder.open(runDir);
        RunInfo info = run.readRunJson();
        assertThat(info.method()).isEqualTo("linear-probe");
        assertThat(info.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(info.bestMetric().name()).isEqualTo("probe_val_top1");
        JsonNode json = new ObjectMapper().readTree(runDir.resolve("result.json").toFile());
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.method()).isEqualTo("linear-probe");
        assertThat(result.best()).as("a probe keeps no best/ weights").isNull();
        assertThat(result.summary()).startsWith("validation top-1 ").contains(" at C = ");
        assertThat(info.bestMetric().value()).isEqualTo(json.at("/val/top1").asDouble());
        assertThat(info.provenance().model().path()).isEqualTo(model.toAbsolutePath().normalize().toString());
        assertThat(info.provenance().data()).hasSize(1);
        assertThat(info.provenance().seed()).isEqualTo(5);
        assertThat(info.hyperparameters()).containsEntry("val_fraction", 0.2).containsEntry("shots", 0);
        assertThat(run.lockState()).isEqualTo(RunLock.State.FREE);

        List<Map<String, Object>> metrics = run.readMetrics();
        assertThat(metrics).hasSize(json.get("sweep").size() + 1);
        assertThat(metrics.get(metrics.size() - 1)).containsKeys("step", "probe_best_c", "probe_val_top1", "probe_val_top5");
        assertThat(metrics.get(0)).containsEntry("step", 1).containsKeys("probe_c", "probe_val_top1", "probe_val_log_loss");
        assertThat(json.get("labels").toString()).isEqualTo("[\"blue_square\",\"green_triangle\",\"red_circle\"]");
        assertThat(json.get("train_images").asInt()).isEqualTo(24);
        assertThat(json.get("val_images").asInt()).isEqualTo(6);
        assertThat(json.get("feature_dim").asInt()).isEqualTo(24);
        assertThat(result.step()).isEqualTo(json.get("sweep").size());
        assertThat(json.at("/val/per_class/red_circle/count").asInt()).isEqualTo(2);
        assertThat(json.at("/val/confusion").size()).isEqualTo(3);

        LinearProbe probe = LinearProbeResultFile.loadProbe(runDir);
        assertThat(probe.classes()).isEqualTo(EvalFixtures.SHAPES);
        assertThat(probe.c()).isEqualTo(json.get("best_c").asDouble());
        assertThat(json.at("/val/top1").asDouble()).isGreaterThanOrEqualTo(0.8); // colours are easy even for a random tower
        assertThat(json.at("/val/top5").asDouble()).isEqualTo(1.0);

        List<Map<String, Double>> trainEvents = recorder.having("embed_train_done");
        List<Map<String, Double>> val = recorder.having("embed_val_done");
        // 24 training images in batches of 8, then their augmented views, counted on from the clean pass
        int trainImages = 24 * (1 + LinearProbeMethod.VIEWS);
        List<Double> expected = java.util.stream.IntStream.rangeClosed(1, trainImages / 8).mapToObj(i -> 8.0 * i).toList();
        assertThat(trainEvents).extracting(e -> e.get("embed_train_done")).containsExactlyElementsOf(expected);
        assertThat(trainEvents.get(trainEvents.size() - 1)).containsEntry("embed_train_total", (double) trainImages);
        assertThat(json.get("refit_on_train_and_val").asBoolean()).isTrue();
        assertThat(val.get(val.size() - 1)).containsEntry("embed_val_done", 6.0).containsEntry("embed_val_total", 6.0);
        assertThat(recorder.events.indexOf(val.get(0)))
                .isGreaterThan(recorder.events.indexOf(trainEvents.get(trainEvents.size() - 1)));
        assertThat(recorder.having("probe_c")).hasSize(json.get("sweep").size());
        assertThat(recorder.having("probe_best_c")).hasSize(1);
        assertThat(recorder.steps).isSorted();
        try (var files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("run.json", "metrics.jsonl", "probe.model", "result.json")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void givenValidationDataAndShots() throws IOException {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 6, 1);
        Path val = EvalFixtures.shapes(tmp.resolve("val"), 3, 2);
        Recorder recorder = new Recorder();

        run(model, train, val, tmp.resolve("run"), probe(4, 1, 32), recorder, () -> false);

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("run/result.json").toFile());
        assertThat(json.get("train_images").asInt()).isEqualTo(12);
        assertThat(json.get("val_images").asInt()).isEqualTo(9);
        assertThat(json.get("shots").asInt()).isEqualTo(4);
        assertThat(recorder.warnings).isEmpty();
    }

    @Test
    void cancellingBetweenBatchesMarksTheRunCancelled() {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 6, 1);
        Path runDir = tmp.resolve("run");
        Recorder recorder = new Recorder();

        TrainingResult result = run(model, train, null, runDir, probe(0, 1, 4), recorder, () -> !recorder.events.isEmpty());
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);

        RunFolder run = RunFolder.open(runDir);
        assertThat(run.readRunJson().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.lockState()).isEqualTo(RunLock.State.FREE);
        assertThat(recorder.events).hasSize(1);
        assertThat(runDir.resolve("probe.model")).doesNotExist();
    }

    @Test
    void badInputsAreRefusedBeforeAnyRunFolderIsMade() throws IOException {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 3, 1);
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("note.txt"), "mine");
        Recorder recorder = new Recorder();

        assertThatThrownBy(() -> run(model, train, null, taken, probe(0, 1, 8),
                recorder, () -> false)).isInstanceOf(DiagonalException.class).hasMessageContaining("taken");
        assertThat(taken.resolve("run.json")).doesNotExist();

        Path captions = EvalFixtures.captionedShapes(tmp.resolve("caps"), 2, 1);
        Path unlabelled = Files.writeString(tmp.resolve("caps/only-captions.csv"),
                String.join("\n", Files.readAllLines(captions).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList()));
        assertThatThrownBy(() -> run(model, unlabelled, null, tmp.resolve("r1"), probe(0, 1, 8),
                recorder, () -> false)).isInstanceOf(DiagonalException.class).hasMessageContaining("only-captions.csv");

        Path oneClass = EvalFixtures.shapes(tmp.resolve("one"), 4, 1);
        EvalFixtures.deleteTree(oneClass.resolve("red_circle"));
        EvalFixtures.deleteTree(oneClass.resolve("green_triangle"));
        assertThatThrownBy(() -> run(model, oneClass, null, tmp.resolve("r2"), probe(0, 1, 8),
                recorder, () -> false)).isInstanceOf(DiagonalException.class).hasMessageContaining("at least 2 classes");

        assertThatThrownBy(() -> run(tmp.resolve("no-model"), train, null, tmp.resolve("r3"), probe(0, 1, 8),
                recorder, () -> false)).isInstanceOf(DiagonalException.class).hasMessageContaining("no-model");
        assertThatThrownBy(() -> run(model, tmp.resolve("no-data"), null, tmp.resolve("r4"), probe(0, 1, 8),
                recorder, () -> false)).isInstanceOf(DiagonalException.class).hasMessageContaining("no-data");
        assertThatThrownBy(() -> run(model, train, null, tmp.resolve("r5"), probe(-1, 1, 8), recorder, () -> false))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo(Setting.SHOTS))
                .hasMessage("Images per class must not be negative (0: all), not -1");
        for (String name : List.of("r1", "r2", "r3", "r4", "r5")) {
            assertThat(tmp.resolve(name)).doesNotExist();
        }
    }
}
