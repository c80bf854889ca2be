package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.eval.EvalFixtures;
import dev.diagonal.eval.TipAdapter;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tip-Adapter and Tip-Adapter-F, run through {@link FineTuning} as every caller does. */
class TipAdapterMethodTest {

    @TempDir
    Path tmp;

    private Path model;

    @BeforeEach
    void setUp() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        model = EvalFixtures.tinyModel(tmp.resolve("model"));
    }

    private static TrainingConfig config(String method) {
        return TrainingConfig.builder().method(method).seed(3).device("cpu").batchSize(8).epochs(2).build();
    }

    @Test
    void tipAdapterFWritesItsCacheAndReportsEachEpoch() throws Exception {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 4, 1);
        Path val = EvalFixtures.shapes(tmp.resolve("val"), 2, 2);
        LinearProbeMethodTest.Recorder recorder = new LinearProbeMethodTest.Recorder();
        TrainingResult result = LinearProbeMethodTest.run(model, train, val, tmp.resolve("run"),
                config(Methods.TIP_ADAPTER_F), recorder, () -> false);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.summary()).contains("validation top-1 ", "(zero-shot ", "alpha ", "beta ");
        // --epochs 2 differs from the general default; without an lr of its own the run tries 1e-3 and 1e-2
        assertThat(recorder.having("tip_train_loss")).hasSize(4);
        assertThat(recorder.having("tip_train_loss").stream().map(r -> r.get("tip_lr")).distinct().toList())
                .containsExactly(1e-3, 1e-2);
        assertThat(recorder.having("embed_train_done").get(recorder.having("embed_train_done").size() - 1)
                .get("embed_train_done")).isEqualTo(10.0 * 4 * EvalFixtures.SHAPES.size());
        TipAdapter adapter = TipAdapter.load(tmp.resolve("run").resolve(TipAdapter.FILE));
        assertThat(adapter.keys()).hasNumberOfRows(4 * EvalFixtures.SHAPES.size());
        assertThat(adapter.alpha()).isBetween(0.1, 10.0);
        assertThat(adapter.beta()).isBetween(0.1, 7.0);
        RunFolder run = RunFolder.open(tmp.resolve("run"));
        assertThat(run.readRunJson().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.readRunJson().method()).isEqualTo(Methods.TIP_ADAPTER_F);
        JsonNode hyper = new ObjectMapper().readTree(run.runJson().toFile()).path("hyperparameters");
        assertThat(hyper.path("search").path("split").asText()).isEqualTo("validation");
        assertThat(hyper.path("fine_tune").path("epochs").asInt()).isEqualTo(2);
        assertThat(hyper.path("augment").asText()).isEqualTo("crop");
    }

    @Test
    void cancellingMarksTheRunCancelledAndWritesNoCache() {
        Path train = EvalFixtures.shapes(tmp.resolve("train"), 4, 1);
        LinearProbeMethodTest.Recorder recorder = new LinearProbeMethodTest.Recorder();
        TrainingResult result = LinearProbeMethodTest.run(model, train, null, tmp.resolve("run"),
                config(Methods.TIP_ADAPTER), recorder, () -> !recorder.events.isEmpty());
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        RunFolder run = RunFolder.open(tmp.resolve("run"));
        assertThat(run.readRunJson().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.lockState()).isEqualTo(RunLock.State.FREE);
        assertThat(tmp.resolve("run").resolve(TipAdapter.FILE)).doesNotExist();
    }
}
