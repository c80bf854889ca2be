package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagonalMarginTest {

    @Test
    void theMarginIsTheMeanDiagonalMinusTheMeanOfTheOtherCells() {
        SimilaritySnapshot s = new SimilaritySnapshot(3, List.of("a", "b"), List.of("ca", "cb", "extra"),
                new float[][] {{0.8f, 0.2f, 0.0f}, {0.6f, 0.4f, Float.NaN}}, null);
        // diagonal (0.8 + 0.4) / 2 = 0.6; others (0.2 + 0 + 0.6) / 3, the NaN left out
        assertThat(DiagonalMargin.margin(s)).isCloseTo(0.6 - 0.8 / 3, within(1e-6));
        // a's caption ranks first, b's second (0.6 > 0.4)
        assertThat(DiagonalMargin.top1(s)).isEqualTo(0.5);
    }

    @Test
    void aProbeWithoutPairsOrOtherCellsHasNone() {
        SimilaritySnapshot one = new SimilaritySnapshot(0, List.of("a"), List.of("ca"), new float[][] {{0.5f}}, null);
        assertThat(DiagonalMargin.margin(one)).isNaN();
        assertThat(DiagonalMargin.top1(one)).isEqualTo(1.0);
        SimilaritySnapshot empty = new SimilaritySnapshot(0, List.of(), List.of(), new float[0][0], null);
        assertThat(DiagonalMargin.top1(empty)).isNaN();
    }
}
