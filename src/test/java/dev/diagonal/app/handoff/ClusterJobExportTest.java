package dev.diagonal.app.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.app.finetune.FinetuneViewModel;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fine-tune screen's "Export as a cluster job…" writes the form's run as a hand-off job. */
class ClusterJobExportTest {

    @TempDir
    Path tmp;

    private TestSessions session() {
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(TestSessions.tinyModel(tmp.resolve("model")));
        TestSessions.imageFolder(tmp.resolve("p/train"));
        project.putDataset("train", tmp.resolve("p/train"), DatasetRole.TRAIN);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        return t;
    }

    @Test
    void writesTheFormsRunAsAJobAndOffersToOpenIt() throws Exception {
        TestSessions t = session();
        FinetuneViewModel screen = new FinetuneViewModel(t.session);
        screen.form().lrProperty().set("3e-4");
        Path target = Files.createDirectories(tmp.resolve("jobs"));
        t.dialogs.directories.add(target);
        t.dialogs.confirmations.add(true);

        assertThat(screen.clusterJobCommand().execute()).isTrue();

        assertThat(t.dialogs.errors).isEmpty();
        assertThat(target.resolve("launch.sh")).isExecutable();
        assertThat(Files.readString(target.resolve("job.json"))).contains("3.0E-4");
        assertThat(t.dialogs.questions).singleElement().asString().contains("Wrote " + target, "Does not carry over",
                "class-prompt loss");
        assertThat(t.dialogs.opened).containsExactly(target);

        t.dialogs.directories.add(target); // not empty now: a new job folder inside
        t.dialogs.confirmations.add(false);
        screen.clusterJobCommand().execute();
        assertThat(t.dialogs.errors).isEmpty();
        try (var entries = Files.list(target)) {
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith("cluster-job-"))).hasSize(1);
        }
    }

    @Test
    void aBadSettingIsShownAndNothingIsWritten() throws Exception {
        TestSessions t = session();
        FinetuneViewModel screen = new FinetuneViewModel(t.session);
        screen.form().lrProperty().set("-1");
        screen.clusterJobCommand().execute();
        assertThat(t.dialogs.errors).singleElement().asString().contains("Learning rate");
        assertThat(t.dialogs.directories).isEmpty();
    }
}
