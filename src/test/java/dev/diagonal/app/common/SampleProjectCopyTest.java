package dev.diagonal.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installed sample project is copied once per user, and the copy still finds the bundled model. */
class SampleProjectCopyTest {

    @TempDir
    Path tmp;
    private Path sample;
    private Path model;
    private Path copies;

    @BeforeEach
    void bundle() throws IOException {
        Path root = tmp.resolve("opt/diagonal/lib/app");
        model = Files.createDirectories(root.resolve(AppPaths.STARTER_MODEL));
        Files.writeString(model.resolve("config.json"), "{}");
        sample = Files.createDirectories(root.resolve(AppPaths.SAMPLE_PROJECT));
        Files.writeString(sample.resolve(Project.FILE_NAME), """
                {"name": "emoji-styles", "model": "../../assets/models/diagonal-starter-emoji",
                 "datasets": [{"name": "twitter", "path": "twitter.csv", "role": "eval"}], "runsDir": "runs"}
                """);
        Files.writeString(sample.resolve("twitter.csv"), "image_path,caption\n");
        Files.writeString(Files.createDirectories(sample.resolve("images")).resolve("a.png"), "png");
        Files.writeString(Files.createDirectories(sample.resolve("runs/old")).resolve("run.json"), "{}");
        copies = tmp.resolve("home/.diagonal/sample-projects");
    }

    @Test
    void aWritableCheckoutIsOpenedInPlace() {
        assertThat(new SampleProjectCopy(copies, false).writableFolder(sample)).isEqualTo(sample);
        assertThat(copies).doesNotExist();
    }

    @Test
    void anInstalledSampleIsCopiedWithoutRunsAndPointsAtTheBundledModel() {
        Path copy = new SampleProjectCopy(copies, true).writableFolder(sample);

        assertThat(copy).isEqualTo(copies.resolve("emoji-styles"));
        assertThat(copy.resolve("twitter.csv")).hasContent("image_path,caption");
        assertThat(copy.resolve("images/a.png")).hasContent("png");
        assertThat(copy.resolve("runs")).doesNotExist();
        Project project = Project.open(copy);
        assertThat(project.data().model()).isEqualTo(model.toString());
        assertThat(project.modelPath()).contains(model);
        assertThat(Project.open(sample).data().model()).isEqualTo("../../assets/models/diagonal-starter-emoji");
        try (var leftovers = Files.list(copies)) {
            assertThat(leftovers).containsExactly(copy);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theCopyIsMadeOnceAndKeepsTheUsersChanges() throws IOException {
        SampleProjectCopy copier = new SampleProjectCopy(copies, true);
        Path copy = copier.writableFolder(sample);
        Files.writeString(copy.resolve("twitter.csv"), "edited");

        assertThat(copier.writableFolder(sample)).isEqualTo(copy);
        assertThat(copy.resolve("twitter.csv")).hasContent("edited");
    }

    @Test
    void aCopyWhoseModelWentMissingPointsAtTheBundledModelAgain() {
        SampleProjectCopy copier = new SampleProjectCopy(copies, true);
        Path copy = copier.writableFolder(sample);
        Project moved = Project.open(copy);
        moved.setModel(tmp.resolve("old-install/assets/models/diagonal-starter-emoji"));
        moved.save();

        copier.writableFolder(sample);

        assertThat(Project.open(copy).modelPath()).contains(model);
    }

    @Test
    void aCopyThatCannotBeMadeNamesTheFolder() throws IOException {
        Files.createDirectories(copies.getParent());
        Files.writeString(copies, "a file where the folder should be");

        assertThatThrownBy(() -> new SampleProjectCopy(copies, true).writableFolder(sample))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith("cannot copy the sample project to " + copies.resolve("emoji-styles"));
    }
}
