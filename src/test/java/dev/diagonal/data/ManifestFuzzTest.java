package dev.diagonal.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as a CSV, TSV or JSON Lines manifest must either parse or fail with the project's own clear error.
 * Plain {@code mvn test} replays the committed seeds under {@code ManifestFuzzTestInputs/}; see docs/fuzzing.md.
 */
class ManifestFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void csv(byte[] input) throws Exception {
        FuzzBudget.check(() -> csvOnce(input));
    }

    private static void csvOnce(byte[] input) throws IOException {
        read(input, "manifest.csv");
    }

    @FuzzTest(maxDuration = "10m")
    void tsv(byte[] input) throws Exception {
        FuzzBudget.check(() -> tsvOnce(input));
    }

    private static void tsvOnce(byte[] input) throws IOException {
        read(input, "manifest.tsv");
    }

    @FuzzTest(maxDuration = "10m")
    void jsonl(byte[] input) throws Exception {
        FuzzBudget.check(() -> jsonlOnce(input));
    }

    private static void jsonlOnce(byte[] input) throws IOException {
        read(input, "manifest.jsonl");
    }

    private static void read(byte[] input, String name) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve(name);
        try {
            Files.write(file, input);
            if (name.endsWith(".jsonl")) {
                JsonlManifestReader.read(file);
            } else {
                CsvManifestReader.read(file);
            }
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
