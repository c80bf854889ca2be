package dev.diagonal.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as a checkpoint's {@code state.json} must either be read back or fail with the
 * project's own clear error. Seeds under {@code TrainStateFuzzTestInputs/}; see docs/fuzzing.md.
 */
class TrainStateFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void state(byte[] input) throws Exception {
        FuzzBudget.check(() -> stateOnce(input));
    }

    private static void stateOnce(byte[] input) throws IOException {
        Path checkpoint = Files.createTempDirectory("fuzz");
        try {
            Files.write(checkpoint.resolve(CheckpointStore.STATE), input);
            CheckpointStore.readState(checkpoint);
        } catch (DiagonalException expected) {
            // the project's clear error: the message names the file
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("DiagonalException without a message", expected);
            }
        } finally {
            FileTrees.delete(checkpoint);
        }
    }
}
