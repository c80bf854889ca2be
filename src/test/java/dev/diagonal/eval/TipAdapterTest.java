package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tip-Adapter's logits and α/β search against the numpy reference (tools/reference/make_tip_adapter_fixtures.py). */
class TipAdapterTest {

    private static final TipFixture FIX = TipFixture.load();

    @TempDir
    Path tmp;

    @Test
    void logitsMatchTheReference() {
        TipAdapter adapter = FIX.adapter();
        float[][] test = FIX.rows("test");
        assertClose(TipAdapter.zeroShotLogits(test, adapter.clipWeights()), FIX.rows("zero_shot_logits_test"), 1e-3);
        assertClose(adapter.logits(test), FIX.rows("tip_logits_test"), 1e-3);
    }

    @Test
    void searchOnValidationMatchesTheReference() {
        TipAdapterSearch.Result result = TipAdapterSearch.search(FIX.adapter(),
                new TipAdapterSearch.Validation(FIX.rows("val"), FIX.ints("val_labels")), TipAdapterSearch.Grid.defaults(),
                () -> false);
        assertThat(result.alpha()).isCloseTo(FIX.meta().get("alpha").asDouble(), within(1e-12));
        assertThat(result.beta()).isCloseTo(FIX.meta().get("beta").asDouble(), within(1e-12));
        assertThat(result.valTop1()).isCloseTo(FIX.meta().get("val_top1").asDouble(), within(1e-12));
        // the cache helps here: the search is not stuck at the grid's first point
        assertThat(result.valTop1()).isGreaterThan(FIX.meta().get("zero_shot_val_top1").asDouble());
    }

    @Test
    void alphaAndBetaDependOnValidationDataAndNeverOnTestData() {
        // The search's only data parameter is a Validation: test features cannot reach it. Scoring other
        // test data afterwards leaves α/β alone, while other validation data moves them (so this can fail).
        TipAdapter adapter = FIX.adapter();
        TipAdapterSearch.Validation val = new TipAdapterSearch.Validation(FIX.rows("val"), FIX.ints("val_labels"));
        TipAdapterSearch.Result before = TipAdapterSearch.search(adapter, val, TipAdapterSearch.Grid.defaults(), () -> false);
        float[][] otherTest = FIX.rows("test");
        for (float[] row : otherTest) {
            row[0] = -row[0];
        }
        adapter.with(before.alpha(), before.beta()).evaluate(TipAdapter.normalizedRows(otherTest), FIX.ints("test_labels"));
        TipAdapterSearch.Result after = TipAdapterSearch.search(adapter, val, TipAdapterSearch.Grid.defaults(), () -> false);
        assertThat(after).isEqualTo(before);
        TipAdapterSearch.Validation testAsVal = new TipAdapterSearch.Validation(FIX.rows("test"), FIX.ints("test_labels"));
        TipAdapterSearch.Result onTest = TipAdapterSearch.search(adapter, testAsVal, TipAdapterSearch.Grid.defaults(), () -> false);
        assertThat(onTest).isNotEqualTo(before);
    }

    @Test
    void savesAndLoadsWithLabelsAlphaAndBeta() {
        TipAdapter adapter = FIX.adapter();
        Path file = tmp.resolve(TipAdapter.FILE);
        adapter.save(file, TipAdapter.METHOD);
        TipAdapter back = TipAdapter.load(file);
        assertThat(back.labels()).isEqualTo(adapter.labels());
        assertThat(back.alpha()).isEqualTo(adapter.alpha());
        assertThat(back.beta()).isEqualTo(adapter.beta());
        assertThat(back.keys()).isDeepEqualTo(adapter.keys());
        assertThat(back.values()).isDeepEqualTo(adapter.values());
        assertThat(back.clipWeights()).isDeepEqualTo(adapter.clipWeights());
        assertThatThrownBy(() -> TipAdapter.load(tmp.resolve("none").resolve(TipAdapter.FILE)))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("not a finished Tip-Adapter run");
    }

    static void assertClose(double[][] actual, float[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < actual[i].length; j++) {
                assertThat(actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j], within(tolerance));
            }
        }
    }
}
