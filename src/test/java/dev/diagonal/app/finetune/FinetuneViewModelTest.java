package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.app.runs.RunsViewModel;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.RunSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneViewModelTest {

    @TempDir
    Path tmp;

    private TestSessions session() {
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(TestSessions.tinyModel(tmp.resolve("model")));
        TestSessions.imageFolder(tmp.resolve("p/train"));
        TestSessions.imageFolder(tmp.resolve("p/val"));
        project.putDataset("train", tmp.resolve("p/train"), DatasetRole.TRAIN);
        project.putDataset("val", tmp.resolve("p/val"), DatasetRole.VAL);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        return t;
    }

    private static void small(FinetuneViewModel model, int epochs) {
        model.form().epochsProperty().set(epochs);
        model.form().batchSizeProperty().set(2);
        model.form().lrProperty().set("1e-4");
        model.form().deviceProperty().set("cpu");
    }

    @Test
    void aContrastiveRunIsShownLiveAndEndsInTheHistory() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        assertThat(model.trainProperty().get().name()).isEqualTo("train");
        assertThat(model.valProperty().get().name()).isEqualTo("val");
        small(model, 2);

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.planProperty().get()).startsWith("contrastive: ").contains("5 training and 5 validation images", "on cpu()");
        assertThat(model.steps()).isNotEmpty().allSatisfy(step -> assertThat(step.loss()).isFinite());
        assertThat(model.steps()).extracting(TrainingFeed.Step::step).isSorted();
        assertThat(model.evaluations()).isNotEmpty();
        assertThat(model.metricsProperty().get()).startsWith("step ");
        assertThat(model.similarityProperty().get().matrix().length).isGreaterThanOrEqualTo(2);
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.statusProperty().get()).startsWith("Run ").contains(" completed at step ");
        List<RunSummary> runs = t.session.project().runs().list();
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.method()).isEqualTo("contrastive");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.hyperparameters()).containsEntry("batch_size", 2).containsEntry("lr", 1e-4);
        });
    }

    @Test
    void stoppingLeavesACancelledRunThatTheRunsScreenResumes() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 3);
        javafx.collections.ListChangeListener<TrainingFeed.Step> stopAtFirstStep = change -> t.tasks.cancelRunning();
        model.steps().addListener(stopAtFirstStep);

        model.startCommand().execute();

        assertThat(model.statusProperty().get()).startsWith("Stopped.");
        RunSummary stopped = t.session.project().runs().list().get(0);
        assertThat(stopped.status()).isEqualTo(RunStatus.CANCELLED);
        long stoppedAt = model.steps().get(model.steps().size() - 1).step();
        model.steps().removeListener(stopAtFirstStep);

        RunsViewModel runs = new RunsViewModel(t.session, model::resume);
        runs.selection().setAll(runs.runs().get(0));
        List<TrainingFeed.Step> resumed = new java.util.ArrayList<>();
        model.steps().addListener((javafx.collections.ListChangeListener<TrainingFeed.Step>) change -> {
            while (change.next()) {
                resumed.addAll(change.getAddedSubList());
            }
        });
        assertThat(runs.resumeCommand().execute()).isTrue();

        assertThat(t.session.project().runs().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.statusProperty().get()).contains(" completed at step ");
        assertThat(resumed).isNotEmpty();
        assertThat(resumed.get(0).step()).isGreaterThan(0).isLessThanOrEqualTo(stoppedAt + 1);
    }

    @Test
    void aLinearProbeRunReportsItsValidationAccuracy() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 1);
        model.form().methodProperty().set("linear-probe");

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("Linear probe done: validation top-1 ");
        assertThat(t.session.project().runs().list()).singleElement()
                .satisfies(run -> assertThat(run.method()).isEqualTo("linear-probe"));
    }

    @Test
    void aBadSettingIsRefusedBeforeAnyRunFolderIsMade() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        model.form().lrProperty().set("fast");

        model.startCommand().execute();

        assertThat(t.dialogs.errors).singleElement().asString().contains("learning rate: \"fast\" is not a number");
        assertThat(t.session.project().runs().list()).isEmpty();
        model.form().lrProperty().set("1e-5");
        model.form().batchSizeProperty().set(1);
        model.startCommand().execute();
        assertThat(t.dialogs.errors).last().asString().contains("--batch-size must be at least 2");
    }
}
