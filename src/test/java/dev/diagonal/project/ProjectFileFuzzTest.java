package dev.diagonal.project;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as {@code diagonal-project.json} must either open as a project or fail with the
 * project's own clear error. Seeds under {@code ProjectFileFuzzTestInputs/}; see docs/fuzzing.md.
 */
class ProjectFileFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void project(byte[] input) throws Exception {
        FuzzBudget.check(() -> projectOnce(input));
    }

    private static void projectOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Files.write(dir.resolve(Project.FILE_NAME), input);
            Project project = Project.open(dir);
            // what the workbench does next: resolve every stored path
            project.modelPath();
            project.templatesPath();
            project.runsPath();
            project.datasets().forEach(project::datasetPath);
        } catch (DiagonalException expected) {
            // the project's clear error: the message names the file
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("DiagonalException without a message", expected);
            }
        } finally {
            FileTrees.delete(dir);
        }
    }
}
