package dev.diagonal.app.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.diagonal.app.common.TestSessions;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.ZeroShot;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotViewModelTest {

    @TempDir
    Path tmp;

    private TestSessions session() {
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(TestSessions.tinyModel(tmp.resolve("model")));
        TestSessions.imageFolder(tmp.resolve("p/fruit"));
        project.putDataset("train", tmp.resolve("p/fruit"), DatasetRole.TRAIN);
        project.putDataset("bench", tmp.resolve("p/fruit"), DatasetRole.EVAL);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        return t;
    }

    @Test
    void runsOnTheEvalSetAndShowsWhatTheEngineComputes() {
        TestSessions t = session();
        ZeroShotViewModel model = new ZeroShotViewModel(t.session);
        assertThat(model.selectedProperty().get().name()).isEqualTo("bench");
        assertThat(model.classNames()).containsExactly("red apple", "sea turtle");
        model.templates().setAll("a photo of a {}.", "an emoji of {}.");
        model.batchSizeProperty().set(2);

        model.runCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        ZeroShot.Result result = model.outcomeProperty().get().result();
        ZeroShot.Result direct = direct(List.of("a photo of a {}.", "an emoji of {}."));
        assertThat(result.top1()).isEqualTo(direct.top1());
        assertThat(result.confusion()).isDeepEqualTo(direct.confusion());
        assertThat(model.summaryProperty().get()).startsWith("top-1 ").contains("top-5 100.0 %");
        assertThat(model.perClass()).extracting(ClassRow::name, ClassRow::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("red apple", 3), org.assertj.core.groups.Tuple.tuple("sea turtle", 2));
        long wrong = direct.predictions().stream().filter(p -> !p.label().equals(p.predicted())).count();
        assertThat(model.mistakes()).hasSize((int) wrong);
        assertThat(model.mistakes()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).contains("fruit: 5 images, 2 classes, 2 templates, on cpu()");
    }

    private ZeroShot.Result direct(List<String> templates) {
        Dataset data = DatasetLoader.load(tmp.resolve("p/fruit"));
        List<Path> images = data.samples().stream().map(Sample::image).toList();
        int[] truth = data.samples().stream().mapToInt(s -> data.classes().indexOf(s.label())).toArray();
        try (Embedder embedder = Embedder.open(tmp.resolve("model"), Device.cpu())) {
            return ZeroShot.evaluate(embedder, images, images.stream().map(p -> p.getFileName().toString()).toList(),
                    truth, List.of("red apple", "sea turtle"), templates, 2, done -> { });
        }
    }

    @Test
    void editedClassNamesArePrompted() {
        TestSessions t = session();
        ZeroShotViewModel model = new ZeroShotViewModel(t.session);
        model.classNames().set(1, "turtle");

        model.runCommand().execute();

        assertThat(model.outcomeProperty().get().result().classes()).containsExactly("red apple", "turtle");
    }

    @Test
    void cancellingStopsBetweenBatchesWithoutAResult() {
        TestSessions t = session();
        ZeroShotViewModel model = new ZeroShotViewModel(t.session);
        model.batchSizeProperty().set(1);
        model.progressProperty().addListener((obs, old, value) -> {
            if (value.doubleValue() > 0) {
                t.tasks.cancelRunning();
            }
        });

        model.runCommand().execute();

        assertThat(model.statusProperty().get()).isEqualTo("Cancelled.");
        assertThat(model.outcomeProperty().get()).isNull();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(t.tasks.cancelled).containsExactly("Zero-shot on bench");
        assertThat(model.runCommand().isExecutable()).isTrue();
    }

    @Test
    void aTemplateWithoutPlaceholderIsRefusedBeforeAnythingRuns() {
        TestSessions t = session();
        ZeroShotViewModel model = new ZeroShotViewModel(t.session);
        model.templates().setAll("a photo of a cat");

        model.runCommand().execute();

        assertThat(t.dialogs.errors).singleElement().asString().contains("lacks {}");
        assertThat(model.outcomeProperty().get()).isNull();
    }

    @Test
    void withoutAModelFolderRunIsOffAndTheStatusSaysWhereToGetOne() throws Exception {
        TestSessions t = session();
        java.nio.file.Files.walk(tmp.resolve("model")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        ZeroShotViewModel model = new ZeroShotViewModel(t.session);

        assertThat(model.runCommand().isExecutable()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("5 images in 2 classes. No model yet: choose one on the Model screen (Ctrl+M).");
    }

    @Test
    void theDefaultDatasetIsAnEvalSetElseTestElseValidationElseTraining() {
        DatasetEntry train = new DatasetEntry("a", "a", DatasetRole.TRAIN);
        DatasetEntry val = new DatasetEntry("b", "b", DatasetRole.VAL);
        DatasetEntry test = new DatasetEntry("c", "c", DatasetRole.TEST);
        assertThat(ZeroShotViewModel.preferred(List.of(train, val, test))).isEqualTo(test);
        assertThat(ZeroShotViewModel.preferred(List.of(train, val))).isEqualTo(val);
        assertThat(ZeroShotViewModel.preferred(List.of(train))).isEqualTo(train);
        assertThat(ZeroShotViewModel.preferred(List.of())).isNull();
    }
}
