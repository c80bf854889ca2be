package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} on bad input: one line naming the culprit, exit 1, no report folder. (DemoTest runs the story.) */
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void namesAMissingProject() {
        Path out = tmp.resolve("report");
        CliRunner.Outcome result = CliRunner.run("demo", "--project", tmp.resolve("nowhere").toString(), "--out", out.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).contains("nowhere").doesNotContain("\n");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void namesAnUnknownAugmentationBeforeScoringAnything() {
        Path out = tmp.resolve("report");
        CliRunner.Outcome result = CliRunner.run("demo", "--augment", "crop,sparkle", "--out", out.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).contains("--augment").contains("sparkle").doesNotContain("\n");
        assertThat(result.out()).doesNotContain("[1/4]");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void namesAProjectWithoutTheDemoDatasets() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("diagonal-project.json"), "{\"name\": \"empty\", \"datasets\": []}");
        CliRunner.Outcome result = CliRunner.run("demo", "--project", project.toString(), "--model", tmp.toString(),
                "--out", tmp.resolve("r").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("twitter-heldout").contains("diagonal-project.json");
    }
}
