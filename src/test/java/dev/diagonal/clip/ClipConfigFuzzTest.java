package dev.diagonal.clip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as config.json must either parse or fail with the project's own clear error.
 * Plain {@code mvn test} replays the committed seeds under {@code ClipConfigFuzzTestInputs/}; see docs/fuzzing.md.
 */
class ClipConfigFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void config(byte[] input) throws Exception {
        FuzzBudget.check(() -> configOnce(input));
    }

    private static void configOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve("config.json");
        try {
            Files.write(file, input);
            ClipConfig.read(file);
        } catch (DiagonalException expected) {
            // the project's clear error: the message names the file
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("DiagonalException without a message", expected);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
