package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.diagonal.io.HostTensor;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk protocol of checkpoints, including what a crash at each point leaves and how it is recovered. */
class CheckpointStoreTest {

    private static TrainState state(long step) {
        return new TrainState(TrainState.FORMAT, step, step, 0, (int) step, 7L, 4, new int[][] {{0, 1, 2, 3}}, null,
                false, 1.5, Map.of(), Map.of("lr", 0.1));
    }

    private static Path write(CheckpointStore store, long step) {
        return store.write(state(step), Map.of(CheckpointStore.MODEL, () -> List.of(HostTensor.of("w", new float[] {step})),
                CheckpointStore.EXP_AVG, () -> List.of(HostTensor.of(AdamW.EXP_AVG + "w", new float[] {0}))),
                JsonNodeFactory.instance.objectNode());
    }

    @Test
    void keepsTheNewestAndPointsAtTheLatest(@TempDir Path dir) {
        RunFolder run = RunFolder.open(dir);
        CheckpointStore store = new CheckpointStore(run, 2);
        for (long step = 1; step <= 4; step++) {
            write(store, step);
        }
        assertThat(store.steps()).extracting(p -> p.getFileName().toString()).containsExactly("step-3", "step-4");
        assertThat(store.latest()).contains(run.checkpointsDir().resolve("step-4"));
        TrainState read = CheckpointStore.readState(store.latest().orElseThrow());
        assertThat(read.step()).isEqualTo(4);
        assertThat(read.epochOrder()).isDeepEqualTo(new int[][] {{0, 1, 2, 3}});
        assertThat(read.config()).containsEntry("lr", 0.1);
    }

    @Test
    void recoversFromACrashAtEachPoint(@TempDir Path dir) throws IOException {
        RunFolder run = RunFolder.open(dir);
        CheckpointStore store = new CheckpointStore(run, 2);
        write(store, 2);
        // killed while writing step 4: a partial folder, no rename
        Files.createDirectories(run.checkpointsDir().resolve(".step-4.partial"));
        // killed after renaming step 6 but before moving the pointer
        write(store, 6);
        Files.writeString(run.checkpointsDir().resolve(CheckpointStore.LATEST), "step-2\n");
        assertThat(store.latest()).contains(run.checkpointsDir().resolve("step-2"));
        store.recover();
        assertThat(run.checkpointsDir().resolve(".step-4.partial")).doesNotExist();
        assertThat(run.checkpointsDir().resolve("step-6")).doesNotExist();
        assertThat(store.latest()).contains(run.checkpointsDir().resolve("step-2"));
        // a pointer to a missing folder falls back on the newest complete one
        Files.writeString(run.checkpointsDir().resolve(CheckpointStore.LATEST), "step-9\n");
        assertThat(store.latest()).contains(run.checkpointsDir().resolve("step-2"));
    }

    @Test
    void bestIsSwappedInAndAnInterruptedSwapIsCompleted(@TempDir Path dir, @TempDir Path model) throws IOException {
        Files.writeString(model.resolve("tokenizer.json"), "{}");
        RunFolder run = RunFolder.open(dir);
        CheckpointStore store = new CheckpointStore(run, 2);
        List<HostTensor> weights = List.of(HostTensor.of("w", new float[] {1}));
        store.writeBest(weights, JsonNodeFactory.instance.objectNode(), model, new BestMetric("zeroshot_top1", 0.5, 3L));
        assertThat(run.bestDir().resolve("tokenizer.json")).exists();
        assertThat(run.bestDir().resolve(CheckpointStore.BEST_JSON)).content().contains("0.5");
        // killed between the two renames: best/ is gone, .best.old holds the previous one
        Files.move(run.bestDir(), dir.resolve(".best.old"));
        Files.createDirectories(dir.resolve(".best.partial"));
        store.recover();
        assertThat(run.bestDir().resolve(CheckpointStore.MODEL)).exists();
        assertThat(dir.resolve(".best.old")).doesNotExist();
        assertThat(dir.resolve(".best.partial")).doesNotExist();
    }
}
