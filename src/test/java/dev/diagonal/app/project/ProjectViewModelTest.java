package dev.diagonal.app.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.project.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectViewModelTest {

    @TempDir
    Path tmp;

    @Test
    void newProjectIsCreatedOpenedAndRemembered() {
        TestSessions t = new TestSessions(tmp);
        ProjectViewModel model = new ProjectViewModel(t.session);
        assertThat(model.hasProjectProperty().get()).isFalse();
        t.dialogs.directories.add(tmp.resolve("cats"));
        t.dialogs.texts.add("Cats and dogs");

        assertThat(model.newProjectCommand().execute()).isTrue();

        assertThat(tmp.resolve("cats/diagonal-project.json")).exists();
        assertThat(model.hasProjectProperty().get()).isTrue();
        assertThat(model.nameProperty().get()).isEqualTo("Cats and dogs");
        assertThat(model.modelProperty().get()).isEqualTo("none chosen yet");
        assertThat(model.recent()).containsExactly(tmp.resolve("cats"));
        Settings saved = Settings.load(tmp.resolve("home"));
        assertThat(saved.lastProject()).contains(tmp.resolve("cats"));
    }

    @Test
    void overviewListsDatasetsAndMarksMissingOnes() {
        Project project = Project.create(tmp.resolve("p"), "p");
        TestSessions.imageFolder(tmp.resolve("p/fruit"));
        project.putDataset("fruit", tmp.resolve("p/fruit"), DatasetRole.TRAIN);
        project.putDataset("gone", tmp.resolve("p/gone.csv"), DatasetRole.EVAL);
        project.putDataset("ood", tmp.resolve("p/ood.csv"), DatasetRole.SHIFT);
        project.save();
        TestSessions t = new TestSessions(tmp);
        ProjectViewModel model = new ProjectViewModel(t.session);

        model.open(tmp.resolve("p"));

        assertThat(model.datasets()).extracting(DatasetRow::name, DatasetRow::role, DatasetRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fruit", "train", "ok"),
                        org.assertj.core.groups.Tuple.tuple("gone", "eval", "missing"),
                        org.assertj.core.groups.Tuple.tuple("ood", "shift (held out)", "missing"));
        assertThat(model.runsProperty().get()).isEqualTo("no runs yet");
    }

    @Test
    void openingAVanishedRecentProjectReportsItAndForgetsIt() throws Exception {
        Path gone = tmp.resolve("gone");
        Project.create(gone, "gone");
        TestSessions t = new TestSessions(tmp);
        t.session.settings().projectOpened(gone);
        ProjectViewModel model = new ProjectViewModel(t.session);
        assertThat(model.recent()).containsExactly(gone);
        Files.delete(gone.resolve(Project.FILE_NAME));
        Files.delete(gone);

        model.open(gone);

        assertThat(t.dialogs.errors).singleElement().asString().contains("no project at", "gone");
        assertThat(model.recent()).isEmpty();
        assertThat(model.hasProjectProperty().get()).isFalse();
    }

    @Test
    void theSampleProjectIsOneCommandAwayWhenInstalled() {
        TestSessions without = new TestSessions(tmp);
        assertThat(new ProjectViewModel(without.session).openSampleCommand().isExecutable()).isFalse();

        Project.create(tmp.resolve("sample-projects/emoji-styles"), "emoji-styles");
        TestSessions with = new TestSessions(tmp);
        ProjectViewModel model = new ProjectViewModel(with.session);
        assertThat(model.openSampleCommand().execute()).isTrue();
        assertThat(with.session.project().folder()).isEqualTo(tmp.resolve("sample-projects/emoji-styles"));
    }
}
