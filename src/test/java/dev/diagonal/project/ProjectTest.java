package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

    @TempDir
    Path tmp;

    @Test
    void createdProjectReopensWithEverythingItHad() throws Exception {
        Path folder = tmp.resolve("birds");
        Project project = Project.create(folder, "Birds");
        Files.createDirectories(folder.resolve("models/clip-b32"));
        project.setModel(folder.resolve("models/clip-b32"));
        project.putDataset("cub-train", folder.resolve("data/train.csv"), DatasetRole.TRAIN);
        project.putDataset("cub-val", Path.of("data/val.csv"), DatasetRole.VAL);
        project.setData(project.data().withDescription("fine-grained birds"));
        project.save();

        Project reopened = Project.open(folder);

        assertThat(reopened.data()).isEqualTo(project.data());
        assertThat(reopened.data().name()).isEqualTo("Birds");
        assertThat(reopened.data().created()).isNotNull();
        assertThat(reopened.modelPath()).contains(folder.toAbsolutePath().resolve("models/clip-b32"));
        assertThat(reopened.datasets()).extracting(DatasetEntry::path).containsExactly("data/train.csv", "data/val.csv");
        assertThat(reopened.datasetPath(reopened.dataset("cub-val").orElseThrow()))
                .isEqualTo(folder.toAbsolutePath().resolve("data/val.csv"));
        assertThat(reopened.runsPath()).isEqualTo(folder.toAbsolutePath().resolve("runs"));
        assertThat(Files.readString(reopened.file())).contains("\"role\" : \"train\"", "\"model\" : \"models/clip-b32\"");
    }

    @Test
    void openingTheFileItselfWorksLikeOpeningTheFolder() {
        Project.create(tmp, "p");
        assertThat(Project.open(tmp.resolve(Project.FILE_NAME)).folder()).isEqualTo(tmp.toAbsolutePath());
    }

    @Test
    void pathsOutsideTheFolderStayAbsoluteAndInsideBecomeRelative() {
        Project project = Project.create(tmp.resolve("p"), "p");
        Path outside = tmp.resolve("shared/model").toAbsolutePath();

        assertThat(project.toStored(outside)).isEqualTo(outside.toString());
        assertThat(project.toStored(tmp.resolve("p/a/../b/c.txt"))).isEqualTo("b/c.txt");
        assertThat(project.toStored(tmp.resolve("p"))).isEqualTo(".");
        assertThat(project.resolve(outside.toString())).isEqualTo(outside);
    }

    @Test
    void saveLeavesNoTemporaryFiles() {
        Project project = Project.create(tmp, "p");
        for (int i = 0; i < 20; i++) {
            project.setData(project.data().withDescription("edit " + i));
            project.save();
        }
        assertThat(TempFiles.under(tmp)).isEmpty();
        assertThat(Project.open(tmp).data().description()).isEqualTo("edit 19");
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Files.writeString(tmp.resolve(Project.FILE_NAME), """
                {"name": "future", "schemaVersion": 7, "plugins": {"x": [1, 2]},
                 "datasets": [{"name": "d", "path": "d.csv", "role": "eval", "weight": 0.5}]}
                """);

        Project project = Project.open(tmp);

        assertThat(project.data().name()).isEqualTo("future");
        assertThat(project.data().runsDir()).isEqualTo("runs");
        assertThat(project.datasets()).containsExactly(new DatasetEntry("d", "d.csv", DatasetRole.EVAL));
    }

    @Test
    void malformedFileIsReportedWithFileLineAndColumn() throws Exception {
        Path file = tmp.resolve(Project.FILE_NAME);
        Files.writeString(file, "{\n  \"name\": \"x\",\n  \"datasets\": [ }\n}\n");

        assertThatThrownBy(() -> Project.open(tmp))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith(file.toAbsolutePath().toString())
                .hasMessageContaining("line 3, column 17")
                .hasMessageNotContaining("Source:");
    }

    @Test
    void wrongRoleIsReportedWithTheFieldPath() throws Exception {
        Files.writeString(tmp.resolve(Project.FILE_NAME),
                "{\"name\": \"x\", \"datasets\": [{\"name\": \"d\", \"path\": \"d\", \"role\": \"training\"}]}");

        assertThatThrownBy(() -> Project.open(tmp))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("field 'datasets[0].role'")
                .hasMessageContaining("training");
    }

    @Test
    void datasetWithoutRoleOrWithDuplicateNameIsRejected() throws Exception {
        Files.writeString(tmp.resolve(Project.FILE_NAME),
                "{\"name\": \"x\", \"datasets\": [{\"name\": \"d\", \"path\": \"d\"}]}");
        assertThatThrownBy(() -> Project.open(tmp)).hasMessageContaining("datasets[0] ('d'): missing 'role'");

        Files.writeString(tmp.resolve(Project.FILE_NAME), "{\"name\": \"x\", \"datasets\": ["
                + "{\"name\": \"d\", \"path\": \"a\", \"role\": \"train\"}, {\"name\": \"d\", \"path\": \"b\", \"role\": \"val\"}]}");
        assertThatThrownBy(() -> Project.open(tmp)).hasMessageContaining("datasets[1]: dataset name 'd' used twice");
    }

    @Test
    void missingNameDefaultsToTheFolderName() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("my-project"));
        Files.writeString(folder.resolve(Project.FILE_NAME), "{}");
        assertThat(Project.open(folder).data().name()).isEqualTo("my-project");
    }

    @Test
    void openingAFolderWithoutProjectAndCreatingTwiceFail() {
        assertThatThrownBy(() -> Project.open(tmp)).isInstanceOf(DiagonalException.class)
                .hasMessage("no " + Project.FILE_NAME + " in " + tmp.toAbsolutePath());
        Project.create(tmp, "once");
        assertThatThrownBy(() -> Project.create(tmp, "twice")).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("already holds a project");
    }

    @Test
    void putDatasetReplacesByNameInPlaceAndRemoveDrops() {
        Project project = Project.create(tmp, "p");
        project.putDataset("a", Path.of("a.csv"), DatasetRole.TRAIN);
        project.putDataset("b", Path.of("b.csv"), DatasetRole.VAL);
        project.putDataset("a", Path.of("a2.csv"), DatasetRole.TEST);

        assertThat(project.datasets()).containsExactly(new DatasetEntry("a", "a2.csv", DatasetRole.TEST),
                new DatasetEntry("b", "b.csv", DatasetRole.VAL));
        assertThat(project.removeDataset("a")).isTrue();
        assertThat(project.removeDataset("a")).isFalse();
        assertThat(project.datasets()).extracting(DatasetEntry::name).containsExactly("b");
    }
}
