package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonParser;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments: {@code diagonal finetune} runs in a child JVM and is killed, then
 * {@code diagonal resume} in a child JVM is killed twice more, then the run is resumed in this JVM.
 * After every kill every file of the run must be valid; at the end the run is complete, every step is
 * logged exactly once, and the weights equal those of an uninterrupted run.
 */
class KillResumeTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    static final List<String> ARGS = List.of("--epochs", "25", "--batch-size", "8", "--lr", "1e-3", "--device", "cpu",
            "--val-fraction", "0.25", "--eval-every", "9", "--checkpoint-every", "4", "--log-every", "1000");

    @Test
    void killedAtRandomMomentsThenResumedCompletesAsIfUninterrupted(@TempDir Path dir) throws Exception {
        TestEngine.oneThread();
        Path model = TrainFixtures.tinyModel(dir.resolve("model"));
        Path data = TrainFixtures.shapes(dir.resolve("shapes"), 6, 3);
        Path runDir = dir.resolve("run");
        Random random = new Random(2026);
        List<String> kills = new ArrayList<>();
        for (int trial = 0; trial < 4; trial++) {
            List<String> args = new ArrayList<>();
            if (trial == 0) {
                args.addAll(List.of("finetune", "--model", model.toString(), "--train", data.toString(), "--out", runDir.toString()));
                args.addAll(ARGS);
            } else {
                args.addAll(List.of("resume", runDir.toString(), "--log-every", "1000"));
            }
            Process child = start(args, dir.resolve("child-" + trial + ".log"));
            awaitOwnership(runDir, child);
            awaitGrowth(runDir.resolve(RunFolder.METRICS), child);
            long delay = random.nextInt(4000);
            Thread.sleep(delay);
            boolean alive = child.isAlive();
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            RunFolder run = RunFolder.open(runDir);
            String state = alive ? "killed" : "had finished";
            kills.add(String.format("trial %d: %s %d ms after its first new metrics line; latest checkpoint %s; %d metric lines",
                    trial, state, delay, new CheckpointStore(run, 2).latest().map(Path::getFileName).orElse(null),
                    Files.readAllLines(run.metricsFile()).size()));
            assertEveryFileValid(runDir, false);
            if (run.readRunJson().status() == RunStatus.COMPLETED) {
                break;
            }
        }
        kills.forEach(System.out::println);
        RunFolder run = RunFolder.open(runDir);
        if (run.readRunJson().status() != RunStatus.COMPLETED) {
            TrainingResult result = FineTuning.resume(run, TrainingListener.NONE, () -> false);
            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        }
        assertEveryFileValid(runDir, true);
        RunInfo info = run.readRunJson();
        assertThat(info.status()).isEqualTo(RunStatus.COMPLETED);
        long total = info.hyperparameters().isEmpty() ? 0 : new CheckpointStore(run, 2).latest().map(CheckpointStore::stepOf).orElseThrow();
        List<Long> steps = run.readMetrics().stream().filter(r -> r.containsKey("loss"))
                .map(r -> ((Number) r.get("step")).longValue()).toList();
        assertThat(steps).doesNotHaveDuplicates().hasSize((int) total).isSorted();

        TrainingConfig config = TrainingConfig.builder().epochs(25).batchSize(8).lr(1e-3).device("cpu").valFraction(0.25)
                .evalEvery(9).checkpointEvery(4).build();
        TrainingResult whole = FineTuning.start(RunDestination.at(dir.resolve("whole")), new TrainingRequest(model, data, null, config),
                TrainingListener.NONE, () -> false);
        double diff = TrainerResumeTest.maxDiff(TrainerResumeTest.finalWeights(dir.resolve("whole"), whole.step()),
                TrainerResumeTest.finalWeights(runDir, total));
        System.out.printf("kill -9: %d steps; final weights vs uninterrupted run: max diff %.3g%n", total, diff);
        assertThat(diff).isLessThanOrEqualTo(1e-6);
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                TestEngine.ONE_THREAD,
                "-cp", System.getProperty("java.class.path"), "dev.diagonal.cli.Main"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child has written run.json as its owner (so a kill lands in training, not start-up). */
    private static void awaitOwnership(Path runDir, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Path runJson = runDir.resolve(RunFolder.RUN_JSON);
            if (Files.isRegularFile(runJson)) {
                try {
                    RunInfo info = RunFolder.open(runDir).readRunJson();
                    if (info.pid() != null && info.pid() == child.pid() && info.status() == RunStatus.RUNNING) {
                        return;
                    }
                } catch (RuntimeException racing) {
                    // read while being replaced: try again
                }
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the child has logged something more (training is under way), or dies. */
    private static void awaitGrowth(Path metrics, Process child) throws Exception {
        long size = Files.exists(metrics) ? Files.size(metrics) : 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive() && (!Files.exists(metrics) || Files.size(metrics) <= size)) {
            Thread.sleep(10);
        }
    }

    /** Every JSON file parses, metrics.jsonl has only whole lines (a torn tail is allowed right after a kill), checkpoints load. */
    private static void assertEveryFileValid(Path runDir, boolean finished) throws IOException {
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json")) {
                    JSON.readTree(file.toFile());
                } else if (name.endsWith(".safetensors")) {
                    for (HostTensor tensor : Safetensors.read(file).values()) {
                        assertThat(tensor.numel()).isPositive();
                    }
                }
            }
        }
        byte[] bytes = Files.readAllBytes(runDir.resolve(RunFolder.METRICS));
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            JSON.readTree(lines[i]);
        }
        if (finished) {
            assertThat(lines[lines.length - 1]).as("torn last line").isEmpty();
        }
    }
}
