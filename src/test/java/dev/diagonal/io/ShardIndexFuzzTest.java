package dev.diagonal.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as {@code model.safetensors.index.json} (next to two real shard files) must either
 * parse or fail with the project's own clear error. Seeds under {@code ShardIndexFuzzTestInputs/}; see docs/fuzzing.md.
 */
class ShardIndexFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void index(byte[] input) throws Exception {
        FuzzBudget.check(() -> indexOnce(input));
    }

    private static void indexOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve("model.safetensors.index.json");
        try {
            Files.write(file, input);
            Files.write(dir.resolve("model-00001-of-00002.safetensors"), new byte[0]);
            Files.write(dir.resolve("model-00002-of-00002.safetensors"), new byte[0]);
            ShardIndex.read(dir, file);
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
