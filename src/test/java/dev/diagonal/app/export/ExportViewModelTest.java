package dev.diagonal.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.app.finetune.FinetuneViewModel;
import dev.diagonal.io.HfWeights;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportViewModelTest {

    @TempDir
    Path tmp;

    @Test
    void aRunsModelIsWrittenAsAnHfFolderAndCanBecomeTheProjectsModel() {
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(TestSessions.tinyModel(tmp.resolve("model")));
        TestSessions.imageFolder(tmp.resolve("p/train"));
        project.putDataset("train", tmp.resolve("p/train"), DatasetRole.TRAIN);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        assertThat(new ExportViewModel(t.session).sourceProperty().get()).startsWith("No runs yet");
        FinetuneViewModel finetune = new FinetuneViewModel(t.session);
        finetune.form().epochsProperty().set(1);
        finetune.form().batchSizeProperty().set(2);
        finetune.form().deviceProperty().set("cpu");
        finetune.form().valFractionProperty().set(0.4);
        finetune.startCommand().execute();
        assertThat(t.tasks.failures).isEmpty();

        ExportViewModel model = new ExportViewModel(t.session);
        assertThat(model.runProperty().get().method()).isEqualTo("contrastive");
        assertThat(model.sourceProperty().get()).startsWith("Exports run ").contains("best/ (step ");
        model.latestProperty().set(true);
        assertThat(model.sourceProperty().get()).startsWith("Exports run ").contains("checkpoints/step-");
        model.latestProperty().set(false);
        assertThat(model.sourceProperty().get()).contains("best/ (step ");
        Path out = tmp.resolve("p/exports").resolve(model.runProperty().get().id());
        assertThat(model.targetProperty().get()).isEqualTo(out);
        assertThat(model.useAsModelCommand().isExecutable()).isFalse();

        model.dtypeProperty().set("f16");
        model.exportCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(out.resolve("preprocessor_config.json")).exists();
        assertThat(HfWeights.describe(out).parameterCount()).isEqualTo(HfWeights.describe(tmp.resolve("model")).parameterCount());
        assertThat(model.reportProperty().get()).startsWith("Wrote " + out).contains("F16");

        model.exportCommand().execute();
        assertThat(t.dialogs.errors).singleElement().asString().contains("not empty");

        model.useAsModelCommand().execute();
        assertThat(Project.open(tmp.resolve("p")).modelPath()).contains(out);
    }
}
