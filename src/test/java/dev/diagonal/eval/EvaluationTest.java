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

    private static Map<String, Object> evaluate(Path model, Path data, List<String> notes) {
        return Evaluation.run(new Evaluation.Request(model, data, null, "cpu", 4), (done, total) -> {}, notes::add, () -> false);
    }

    @Test
    void labelledDataGetExactlyTheZeroShotResultAndNullRetrieval() {
        Path data = EvalFixtures.shapes(tmp.resolve("data"), 3, 1);
        List<String> notes = new ArrayList<>();

        Map<String, Object> result = evaluate(model, data, notes);

        assertThat(result.keySet()).containsExactly("top1", "top5", "classes", "per_class", "confusion", "predictions",
                "skipped", "retrieval", "model", "data", "images", "notes");
        assertThat(result.get("retrieval")).isNull();
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
        expected.forEach((key, value) -> assertThat(result.get(key)).as(key).isEqualTo(value));
        assertThat(result.get("classes")).isEqualTo(List.of("blue square", "green triangle", "red circle"));
        assertThat(result.get("images")).isEqualTo(9);
    }

    @Test
    void captionedDataGetRetrievalBothWays() {
        Path manifest = EvalFixtures.captionedShapes(tmp.resolve("caps"), 4, 2);
        List<String> notes = new ArrayList<>();

        Map<String, Object> result = evaluate(model, manifest, notes);

        @SuppressWarnings("unchecked")
        Map<String, Object> retrieval = (Map<String, Object>) result.get("retrieval");
        assertThat(retrieval).containsKeys("image_to_text", "text_to_image").containsEntry("pairs", 12);
        Dataset dataset = DatasetLoader.load(manifest);
        Retrieval.Metrics direct;
        try (Embedder embedder = Embedder.open(model, Device.cpu())) {
            direct = Retrieval.compute(embedder.embedImages(dataset.samples().stream().map(Sample::image).toList(), 4, d -> {}),
                    embedder.embedTexts(dataset.samples().stream().map(Sample::caption).toList(), 4));
        }
        assertThat(retrieval.get("image_to_text")).isEqualTo(Map.of("r1", direct.imageToTextR1(), "r5", direct.imageToTextR5(),
                "r10", direct.imageToTextR10(), "mean_rank", direct.imageToTextMeanRank()));
        assertThat(retrieval.get("text_to_image")).isEqualTo(Map.of("r1", direct.textToImageR1(), "r5", direct.textToImageR5(),
                "r10", direct.textToImageR10(), "mean_rank", direct.textToImageMeanRank()));
        assertThat(result).containsKeys("top1", "per_class"); // the manifest has labels too
        assertThat(notes).isEmpty();
    }

    @Test
    void captionOnlyDataHaveNoZeroShotKeys() throws IOException {
        Path manifest = EvalFixtures.captionedShapes(tmp.resolve("caps"), 2, 3);
        Path captionsOnly = Files.write(tmp.resolve("caps/no-labels.csv"), Files.readAllLines(manifest).stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList());
        List<String> notes = new ArrayList<>();

        Map<String, Object> result = evaluate(model, captionsOnly, notes);

        assertThat(result).doesNotContainKeys("top1", "per_class", "predictions").containsKey("retrieval");
        assertThat(result.get("retrieval")).isNotNull();
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
        assertThat(result).containsKeys("top1", "linear_probe");
        LinearProbeMetrics probe = (LinearProbeMetrics) result.get("linear_probe");
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
