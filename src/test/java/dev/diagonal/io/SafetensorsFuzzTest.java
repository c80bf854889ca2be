package dev.diagonal.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as a .safetensors file must either parse or fail with the project's own clear error.
 * Plain {@code mvn test} replays the committed seeds under {@code SafetensorsFuzzTestInputs/}; see docs/fuzzing.md.
 */
class SafetensorsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void safetensors(byte[] input) throws Exception {
        FuzzBudget.check(() -> safetensorsOnce(input));
    }

    private static void safetensorsOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve("model.safetensors");
        try {
            Files.write(file, input);
            Safetensors.read(file);
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
