package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import dev.diagonal.project.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @TempDir
    Path tmp;

    private Path model;

    @BeforeEach
    void setUp() {
        model = EvalFixtures.tinyModel(tmp.resolve("model"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> metrics(Map<String, Object> result) {
        return (Map<String, Double>) result.get("metrics");
    }

    private static Map<String, Object> evaluate(Path model, Path data, List<String> notes) {
        return Evaluation.run(new Evaluation.Request(model, data, null, "cpu", 4), (done, total) -> {}, notes::add, () -> false);
    }

    @Test
    void labelledDataGetExactlyTheZeroShotResultAndNoRetrieval() {
        Path data = EvalFixtures.shapes(tmp.resolve("data"), 3, 1);
        List<String> notes = new ArrayList<>();

        Map<String, Object> result = evaluate(model, data, notes);

        assertThat(result.keySet()).containsExactly("metrics", "classes", "per_class", "confusion", "predictions",
                "model", "data", "images", "skipped", "notes");
        assertThat(metrics(result).keySet()).containsExactly(MetricNames.ZEROSHOT_TOP1, MetricNames.ZEROSHOT_TOP5);
        assertThat(notes).anyMatch(n -> n.contains("no captions"));
        assertThat(result.get("notes")).isEqualTo(notes);
        Dataset dataset = DatasetLoader.load(data);
        List<String> classNames = dataset.classes().stream().map(CaptionTemplates::className).toList();
        ZeroShot.Result direct;
        try (Embedder embedder = Embedder.open(model, Device.cpu())) {
            direct = ZeroShot.evaluate(embedder, dataset.samples().stream().map(Sample::image).toList(),
                    dataset.samples().stream().map(s -> Evaluation.relativeName(data, s.image())).toList(),
                    dataset.samples().stream().mapToInt(s -> dataset.classes().indexOf(s.label())).toArray(),
                    classNames, CaptionTemplates.defaults().templates(), 4, done -> {});
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = new ObjectMapper().convertValue(direct, LinkedHashMap.class);
        expected.forEach((key, value) -> assertThat(result.get(key)).as(key).isEqualTo(value)); // zeroshot's JSON, key for key
        assertThat(result.get("classes")).isEqualTo(List.of("blue square", "green triangle", "red circle"));
        assertThat(result.get("images")).isEqualTo(9);
    }

    @Test
    void captionedDataGetRetrievalBothWays() {
        Path manifest = EvalFixtures.captionedShapes(tmp.resolve("caps"), 4, 2);
        List<String> notes = new ArrayList<>();

        Map<String, Object> result = evaluate(model, manifest, notes);

        assertThat(result).containsEntry("retrieval_pairs", 12);
        Dataset dataset = DatasetLoader.load(manifest);
        Retrieval.Metrics direct;
        try (Embedder embedder = Embedder.open(model, Device.cpu())) {
            direct = Retrieval.compute(embedder.embedImages(dataset.samples().stream().map(Sample::image).toList(), 4, d -> {}),
                    embedder.embedTexts(dataset.samples().stream().map(Sample::caption).toList(), 4));
        }
        assertThat(metrics(result)).containsEntry(MetricNames.IMAGE_TO_TEXT_R1, direct.imageToTextR1())
                .containsEntry(MetricNames.IMAGE_TO_TEXT_R5, direct.imageToTextR5())
                .containsEntry(MetricNames.IMAGE_TO_TEXT_R10, direct.imageToTextR10())
                .containsEntry(MetricNames.IMAGE_TO_TEXT_MEAN_RANK, direct.imageToTextMeanRank())
                .containsEntry(MetricNames.TEXT_TO_IMAGE_R1, direct.textToImageR1())
                .containsEntry(MetricNames.TEXT_TO_IMAGE_R5, direct.textToImageR5())
                .containsEntry(MetricNames.TEXT_TO_IMAGE_R10, direct.textToImageR10())
                .containsEntry(MetricNames.TEXT_TO_IMAGE_MEAN_RANK, direct.textToImageMeanRank())
                .containsEntry(MetricNames.RECALL_AT_1, (direct.imageToTextR1() + direct.textToImageR1()) / 2)
                .containsKey(MetricNames.ZEROSHOT_TOP1); // the manifest has labels too
        assertThat(result).containsKey("per_class");
        assertThat(notes).isEmpty();
    }

    @Test
    void captionOnlyDataHaveNoZeroShotKeys() throws IOException {
        Path manifest = EvalFixtures.captionedShapes(tmp.resolve("caps"), 2, 3);
        Path captionsOnly = Files.write(tmp.resolve("caps/no-labels.csv"), Files.readAllLines(manifest).stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList());
        List<String> notes = new ArrayList<>();

        Map<String, Object> result = evaluate(model, captionsOnly, notes);

        assertThat(result).doesNotContainKeys("per_class", "predictions").containsKey("retrieval_pairs");
        assertThat(metrics(result)).containsKey(MetricNames.IMAGE_TO_TEXT_R1).doesNotContainKey(MetricNames.ZEROSHOT_TOP1);
        assertThat(notes).anyMatch(n -> n.contains("no class labels"));
    }

    @Test
    void aLinearProbeRunIsEvaluatedWithItsProbe() {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 5, 1);
        Path runDir = tmp.resolve("run");
        dev.diagonal.train.FineTuning.start(dev.diagonal.train.RunDestination.at(runDir), new dev.diagonal.train.TrainingRequest(
                model, train, null, dev.diagonal.train.TrainingConfig.builder().method("linear-probe").seed(1).device("cpu")
                        .batchSize(8).build()), new dev.diagonal.train.TrainingListener() {}, () -> false);
        Path test = EvalFixtures.shapes(tmp.resolve("test"), 3, 9);

        Map<String, Object> result = evaluate(runDir, test, new ArrayList<>());

        assertThat(result.get("model").toString()).contains("run " + RunFolder.open(runDir).id()).contains("base model");
        assertThat(result).containsKeys("linear_probe");
        LinearProbeMetrics probe = (LinearProbeMetrics) result.get("linear_probe");
        assertThat(metrics(result)).containsKey(MetricNames.ZEROSHOT_TOP1).containsEntry(MetricNames.LINEAR_PROBE_TOP1, probe.top1())
                .containsEntry(MetricNames.LINEAR_PROBE_TOP5, probe.top5());
        assertThat(probe.classes()).isEqualTo(EvalFixtures.SHAPES);
        assertThat(probe.perClass().values()).allSatisfy(stats -> assertThat(stats.count()).isEqualTo(3));
    }

    @Test
    void cancellationAndBadInputs() {
        Path data = EvalFixtures.shapes(tmp.resolve("data"), 3, 1);
        assertThatThrownBy(() -> Evaluation.run(new Evaluation.Request(model, data, null, "cpu", 2), (d, t) -> {},
                n -> {}, () -> true)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> evaluate(tmp.resolve("nothing"), data, new ArrayList<>()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("nothing");
        assertThatThrownBy(() -> evaluate(model, tmp.resolve("no-data"), new ArrayList<>()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("no-data");
        assertThatThrownBy(() -> Evaluation.run(new Evaluation.Request(model, data, tmp.resolve("t.txt"), "cpu", 2),
                (d, t) -> {}, n -> {}, () -> false)).isInstanceOf(DiagonalException.class).hasMessageContaining("t.txt");
    }
}
