package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneDatasetChoicesTest {

    @TempDir
    Path tmp;

    @Test
    void testAndShiftSetsAreNotOfferedForTrainingOrValidation() {
        TestSessions t = FinetuneViewModelTest.sessionIn(tmp);
        Project project = t.session.project();
        TestSessions.imageFolder(tmp.resolve("p/test"));
        TestSessions.imageFolder(tmp.resolve("p/shift"));
        project.putDataset("test", tmp.resolve("p/test"), DatasetRole.TEST);
        project.putDataset("shift", tmp.resolve("p/shift"), DatasetRole.SHIFT);
        project.save();
        t.session.setProject(Project.open(tmp.resolve("p")));

        FinetuneViewModel model = new FinetuneViewModel(t.session);

        assertThat(model.entries()).extracting(DatasetEntry::name).containsExactly("train", "val");
        assertThat(model.trainProperty().get().name()).isEqualTo("train");
        assertThat(model.valProperty().get().name()).isEqualTo("val");
    }
}
