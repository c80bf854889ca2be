package dev.diagonal.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as an image file must either parse or fail with the project's own clear error.
 * Plain {@code mvn test} replays the committed seeds under {@code ImageDecodeFuzzTestInputs/}; see docs/fuzzing.md.
 */
class ImageDecodeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) throws Exception {
        FuzzBudget.check(() -> decodeOnce(input));
    }

    private static void decodeOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve("input.img");
        try {
            Files.write(file, input);
            ImageLoader.readRgb(file);
            ImageLoader.readAlpha(file);
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
