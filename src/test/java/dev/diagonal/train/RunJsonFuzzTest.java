package dev.diagonal.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.FileTrees;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target: arbitrary bytes as a run's {@code run.json}, read the two ways Diagonal reads it. The workbench's
 * run list ({@link RunStore#list()}) must never fail; resuming ({@link RunStart#read}, which rebuilds the
 * {@link TrainingConfig}) must either succeed or fail with the project's own clear error. Seeds under
 * {@code RunJsonFuzzTestInputs/}; see docs/fuzzing.md.
 */
class RunJsonFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void runJson(byte[] input) throws Exception {
        FuzzBudget.check(() -> runJsonOnce(input));
    }

    private static void runJsonOnce(byte[] input) throws IOException {
        Path runs = Files.createTempDirectory("fuzz");
        try {
            Path folder = Files.createDirectory(runs.resolve("run-1"));
            Files.write(folder.resolve(RunFolder.RUN_JSON), input);
            new RunStore(runs).list();
            RunFolder run = RunFolder.open(folder);
            RunInfo info = run.readRunJson();
            RunStart.read(run, info);
        } catch (DiagonalException expected) {
            // the project's clear error: the message names the file
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("DiagonalException without a message", expected);
            }
        } finally {
            FileTrees.delete(runs);
        }
    }
}
