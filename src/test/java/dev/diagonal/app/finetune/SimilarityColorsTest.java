package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityColorsTest {

    private static final int LIGHTEST = 0xFFF7F9FC;
    private static final int DARKEST = 0xFF123F8C;

    @Test
    void spansTheSnapshotFromLightestAtTheMinimumToDarkestAtTheMaximum() {
        SimilaritySnapshot snapshot = new SimilaritySnapshot(3, List.of("a", "b"), List.of("x", "y", "z"),
                new float[][] {{-0.2f, 0.1f, 0.4f}, {0.1f, 0.9f, 0.35f}}, null);

        SimilarityColors colors = new SimilarityColors(snapshot);
        int[] pixels = colors.pixels(snapshot);

        assertThat(colors.min()).isEqualTo(-0.2f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(colors.max()).isEqualTo(0.9f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(pixels).hasSize(6);
        assertThat(pixels[0]).as("row 0, col 0: the minimum").isEqualTo(LIGHTEST);
        assertThat(pixels[4]).as("row 1, col 1: the maximum").isEqualTo(DARKEST);
        assertThat(pixels[1]).as("row-major: row 0 col 1 equals row 1 col 0 (same value)").isEqualTo(pixels[3]);
        assertThat(blue(pixels[2])).as("a higher value is darker").isLessThan(blue(pixels[1]));
    }

    @Test
    void aFlatMatrixGetsAUnitRangeAndTheLightestColour() {
        SimilaritySnapshot flat = new SimilaritySnapshot(0, List.of("a"), List.of("x", "y"),
                new float[][] {{0.5f, 0.5f}}, null);

        SimilarityColors colors = new SimilarityColors(flat);

        assertThat(colors.max() - colors.min()).isEqualTo(1.0);
        assertThat(colors.pixels(flat)).containsExactly(LIGHTEST, LIGHTEST);
        assertThat(colors.color(Double.NaN)).isEqualTo(0xFFFFFFFF);
    }

    private static int blue(int argb) {
        return argb & 0xFF;
    }
}
