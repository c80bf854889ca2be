package dev.diagonal.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.io.HfWeights;
import dev.diagonal.project.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelViewModelTest {

    @TempDir
    Path tmp;

    @Test
    void choosingAModelFolderDescribesItAndSavesItInTheProject() {
        Path modelDir = TestSessions.tinyModel(tmp.resolve("models/tiny"));
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.create(tmp.resolve("p"), "p"));
        ModelViewModel model = new ModelViewModel(t.session);
        assertThat(model.problemProperty().get()).startsWith("No model chosen yet");
        assertThat(model.loadCommand().isExecutable()).isFalse();
        t.dialogs.directories.add(modelDir);

        model.chooseCommand().execute();

        ModelDescription d = model.descriptionProperty().get();
        assertThat(d.parameters()).isEqualTo(HfWeights.describe(modelDir).parameterCount());
        assertThat(d.architecture()).isEqualTo("CLIP ViT-w48/8, 32 px images");
        assertThat(d.dtypes()).isEqualTo("F16");
        assertThat(d.tokenizer()).isEqualTo("tokenizer.json");
        assertThat(d.preprocessor()).isEqualTo("preprocessor_config.json");
        assertThat(Project.open(tmp.resolve("p")).modelPath()).contains(modelDir);
        assertThat(model.loadCommand().isExecutable()).isTrue();
    }

    @Test
    void loadingPutsTheModelInTheSessionAndUnloadingFreesIt() {
        Path modelDir = TestSessions.tinyModel(tmp.resolve("tiny"));
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(modelDir);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        ModelViewModel model = new ModelViewModel(t.session);
        model.deviceProperty().set("cpu");

        model.loadCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(t.session.modelProperty().get().folder()).isEqualTo(modelDir);
        assertThat(model.statusProperty().get()).startsWith("Loaded on cpu()");
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.gpusProperty().get()).isNotEmpty();

        model.unloadCommand().execute();
        assertThat(t.session.modelProperty().get()).isNull();
        assertThat(model.statusProperty().get()).startsWith("Not loaded");
    }

    @Test
    void aFolderThatIsNotAModelIsAnErrorAndLeavesTheProjectAlone() {
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.create(tmp.resolve("p"), "p"));
        ModelViewModel model = new ModelViewModel(t.session);

        model.setFolder(tmp.resolve("p"));

        assertThat(t.dialogs.errors).singleElement().asString().contains("config.json");
        assertThat(model.descriptionProperty().get()).isNull();
        assertThat(t.session.project().modelPath()).isEmpty();
    }

    @Test
    void aMissingStarterModelAndAMissingProjectModelAreSaidPlainly() {
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(tmp.resolve("vanished"));
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        ModelViewModel model = new ModelViewModel(t.session);

        assertThat(model.starterAvailableProperty().get()).isFalse();
        assertThat(model.useStarterCommand().isExecutable()).isFalse();
        assertThat(model.problemProperty().get()).isEqualTo("The project's model folder is missing: " + tmp.resolve("vanished"));
        assertThat(t.dialogs.errors).isEmpty();
    }
}
