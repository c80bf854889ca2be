package dev.diagonal.project;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as metrics.jsonl must either parse or fail with the project's own clear error.
 * Plain {@code mvn test} replays the committed seeds under {@code MetricsReaderFuzzTestInputs/}; see docs/fuzzing.md.
 */
class MetricsReaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void metrics(byte[] input) throws Exception {
        FuzzBudget.check(() -> metricsOnce(input));
    }

    private static void metricsOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve("metrics.jsonl");
        try {
            Files.write(file, input);
            MetricsReader.readAll(file);
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
