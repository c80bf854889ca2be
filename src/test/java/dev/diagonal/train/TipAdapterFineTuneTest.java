package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.eval.TipAdapter;
import dev.diagonal.eval.TipFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tip-Adapter-F's key training and the cache keys against torch (tools/reference/make_tip_adapter_fixtures.py). */
class TipAdapterFineTuneTest {

    private static final TipFixture FIX = TipFixture.load();

    @Test
    void cacheKeysAreTheNormalisedMeanOverPasses() {
        float[][][] raw = {FIX.slice("train_passes_raw", 0), FIX.slice("train_passes_raw", 1), FIX.slice("train_passes_raw", 2)};
        float[][] keys = TipAdapterFeatures.meanKeys(raw);
        float[][] expected = FIX.rows("keys");
        for (int i = 0; i < keys.length; i++) {
            for (int d = 0; d < keys[i].length; d++) {
                assertThat(keys[i][d]).isCloseTo(expected[i][d], within(1e-6f));
            }
        }
    }

    @Test
    void twoEpochsMatchTorchAdamWWithCosineSchedule() {
        TipAdapter start = FIX.adapter().with(1, 1);
        int[] labels = FIX.ints("train_labels");
        TipAdapterFineTune.Settings settings = new TipAdapterFineTune.Settings(2, 5, 1e-3, 1e-4, 0.01, 0.9, 0.999);
        List<float[][]> epochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        TipAdapterFineTune.train(start, e -> TipAdapter.normalizedRows(FIX.slice("train_passes_raw", e % 3)), labels,
                e -> IntStream.range(0, labels.length).toArray(), settings, (epoch, loss, keys) -> {
                    epochs.add(copy(keys));
                    losses.add(loss);
                }, () -> false);
        for (int e = 0; e < 2; e++) {
            float[][] expected = FIX.rows("f_keys_epoch" + (e + 1));
            double moved = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int d = 0; d < expected[i].length; d++) {
                    assertThat(epochs.get(e)[i][d]).as("epoch %d key %d dim %d", e + 1, i, d)
                            .isCloseTo(expected[i][d], within(2e-6f));
                    moved = Math.max(moved, Math.abs(expected[i][d] - start.keys()[i][d]));
                }
            }
            assertThat(moved).as("the keys moved").isGreaterThan(1e-4);
            assertThat(losses.get(e)).isCloseTo(FIX.meta().get("f_epoch_losses").get(e).asDouble(), within(1e-4));
        }
    }

    @Test
    void settingsAreTheReferenceOnesUnlessTheRunAsksForOthers() {
        TipAdapterFineTune.Settings defaults = TipAdapterMethod.settings(TrainingConfig.builder().build());
        assertThat(defaults).isEqualTo(TipAdapterFineTune.Settings.defaults());
        TipAdapterFineTune.Settings asked = TipAdapterMethod.settings(TrainingConfig.builder().epochs(3).lr(5e-3).build());
        assertThat(asked.epochs()).isEqualTo(3);
        assertThat(asked.lr()).isEqualTo(5e-3);
    }

    private static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }
}
