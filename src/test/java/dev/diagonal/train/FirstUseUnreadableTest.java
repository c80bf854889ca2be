package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.eval.EvalFixtures;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file overwritten with garbage after the dataset was validated (from a listener callback, before
 * the file's first use): every method warns, names the file and completes.
 */
class FirstUseUnreadableTest {

    @TempDir
    Path tmp;

    private Path model;

    @BeforeEach
    void setUp() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        model = EvalFixtures.tinyModel(tmp.resolve("model"));
    }

    private static Path firstImage(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void overwrite(Path file) {
        try {
            Files.writeString(file, "overwritten after validation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hears warnings; overwrites {@code victim} at the run's start or at its first training-embedding progress. */
    private static final class Corrupter implements TrainingListener {
        final List<String> warnings = new ArrayList<>();
        private final Path victim;
        private boolean done;

        Corrupter(Path victim) {
            this.victim = victim;
        }

        private void corrupt() {
            if (!done) {
                done = true;
                overwrite(victim);
            }
        }

        @Override
        public void onStart(TrainingPlan plan) {
            corrupt(); // contrastive: the session is open, no image has been decoded yet
        }

        @Override
        public void onEvaluation(EvaluationEvent evaluation) {
            if (evaluation.metrics().containsKey("embed_train_done")) {
                corrupt(); // probe and Tip-Adapter: validation images are embedded after the training ones
            }
        }

        @Override
        public void onWarning(String message) {
            warnings.add(message);
        }
    }

    @Test
    void linearProbeDropsAValidationImageThatFailsAtFirstUse() {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 4, 1);
        Path val = EvalFixtures.shapes(tmp.resolve("val"), 2, 2);
        Path victim = firstImage(val);
        Corrupter recorder = new Corrupter(victim);
        TrainingResult result = LinearProbeMethodTest.run(model, train, val, tmp.resolve("probe"),
                TrainingConfig.builder().method(Methods.LINEAR_PROBE).seed(3).device("cpu").batchSize(4).build(),
                recorder, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(recorder.warnings).filteredOn(w -> w.contains("skipped unreadable val image"))
                .singleElement().satisfies(w -> assertThat(w).contains(victim.toString()));
    }

    @Test
    void tipAdapterDropsAValidationImageThatFailsAtFirstUse() {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 4, 1);
        Path val = EvalFixtures.shapes(tmp.resolve("val"), 2, 2);
        Path victim = firstImage(val);
        Corrupter recorder = new Corrupter(victim);
        TrainingResult result = LinearProbeMethodTest.run(model, train, val, tmp.resolve("tip"),
                TrainingConfig.builder().method(Methods.TIP_ADAPTER).seed(3).device("cpu").batchSize(8).build(),
                recorder, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(recorder.warnings).filteredOn(w -> w.contains("skipped unreadable val image"))
                .singleElement().satisfies(w -> assertThat(w).contains(victim.toString()));
    }

    @Test
    void contrastiveTrainingReplacesATrainingImageThatFailsAtFirstUse() throws IOException {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 4, 1);
        Path victim = firstImage(train);
        Corrupter recorder = new Corrupter(victim);
        Path runDir = tmp.resolve("run");
        TrainingResult result = LinearProbeMethodTest.run(model, train, null, runDir,
                TrainingConfig.builder().seed(3).device("cpu").batchSize(4).epochs(2).lr(1e-3).build(), recorder, () -> false);
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(recorder.warnings).filteredOn(w -> w.contains("skipped unreadable image"))
                .singleElement().satisfies(w -> assertThat(w).contains(victim.toString(), "all-zero image"));
        assertThat(Files.readString(runDir.resolve("metrics.jsonl"))).contains("\"type\":\"warning\"", "all-zero image");
    }
}
