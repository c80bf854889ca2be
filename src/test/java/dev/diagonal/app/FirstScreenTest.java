package dev.diagonal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.Project;
import dev.diagonal.project.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen a start without {@code --screen} shows, and the sample's shipped story run that it opens on. */
class FirstScreenTest {

    private static final Path STORY = Path.of("sample-projects/emoji-styles/runs/story-contrastive");

    @Test
    void aProjectWithTheStoryRunOpensOnFineTuneAndOneWithoutOnProject(@TempDir Path tmp) throws IOException {
        Project.create(tmp.resolve("empty"), "empty");
        Project.create(tmp.resolve("story"), "story");
        Path run = Files.createDirectories(tmp.resolve("story/runs/story-contrastive"));
        try (Stream<Path> files = Files.walk(STORY)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = run.resolve(STORY.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }

        assertThat(WorkbenchApp.firstScreen(Optional.of(tmp.resolve("empty")))).isEqualTo(Screen.PROJECT);
        assertThat(WorkbenchApp.firstScreen(Optional.of(tmp.resolve("story")))).isEqualTo(Screen.FINETUNE);
        assertThat(WorkbenchApp.firstScreen(Optional.empty())).isEqualTo(Screen.PROJECT);
    }

    @Test
    void theShippedStoryRunsSnapshotsFindTheirImages() {
        RunFolder story = RunFolder.open(STORY);
        assertThat(story.similaritySteps()).hasSize(11);
        for (String image : story.readSimilarity(200).imagePaths()) {
            assertThat(Path.of(image)).isRegularFile();
        }
    }
}
