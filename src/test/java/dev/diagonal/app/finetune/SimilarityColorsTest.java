package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityColorsTest {

    private static final int DARKEST = 0xFF440154;
    private static final int BRIGHTEST = 0xFFFDE725;

    @Test
    void spansTheSnapshotFromDarkestAtTheMinimumToBrightestAtTheMaximum() {
        SimilaritySnapshot snapshot = new SimilaritySnapshot(3, List.of("a", "b"), List.of("x", "y", "z"),
                new float[][] {{-0.2f, 0.1f, 0.4f}, {0.1f, 0.9f, 0.35f}}, null);

        SimilarityColors colors = new SimilarityColors(snapshot);
        int[] pixels = colors.pixels(snapshot);

        assertThat(colors.min()).isEqualTo(-0.2f, within(1e-6));
        assertThat(colors.max()).isEqualTo(0.9f, within(1e-6));
        assertThat(pixels).hasSize(6);
        assertThat(pixels[0]).as("row 0, col 0: the minimum").isEqualTo(DARKEST);
        assertThat(pixels[4]).as("row 1, col 1: the maximum").isEqualTo(BRIGHTEST);
        assertThat(pixels[1]).as("row-major: row 0 col 1 equals row 1 col 0 (same value)").isEqualTo(pixels[3]);
        assertThat(lightness(pixels[2])).as("a higher value is lighter").isGreaterThan(lightness(pixels[1]));
    }

    @Test
    void perceivedLightnessRisesStrictlyAlongThePaletteAndTheBar() {
        double previous = -1;
        // 8-bit channels round apart: a neighbour this close may be up to ~0.11 L* darker (1 L* is about
        // the smallest difference seen), never more
        for (int i = 0; i <= 1000; i++) {
            double l = lightness(SimilarityColors.palette(i / 1000.0));
            assertThat(l).as("L* at %d/1000", i).isGreaterThan(previous - 0.15);
            previous = Math.max(previous, l);
        }
        previous = -1;
        for (int band = 0; band < SimilarityColors.BANDS; band++) {
            double l = lightness(SimilarityColors.bandColor(band));
            assertThat(l).as("L* of bar block %d", band).isGreaterThan(previous);
            previous = l;
        }
        assertThat(lightness(SimilarityColors.bandColor(SimilarityColors.BANDS - 1)) - lightness(SimilarityColors.bandColor(0)))
                .as("dark-to-bright spans most of the lightness range").isGreaterThan(75);
    }

    @Test
    void oneScaleSpansEverySnapshotOfARunSoAColourIsTheSameCosineAtEveryStep() {
        SimilaritySnapshot early = new SimilaritySnapshot(0, List.of("a"), List.of("x", "y"), new float[][] {{0.2f, 0.25f}}, null);
        SimilaritySnapshot late = new SimilaritySnapshot(90, List.of("a"), List.of("x", "y"), new float[][] {{0.6f, 0.25f}}, null);

        SimilarityColors run = new SimilarityColors(List.of(early, late));

        assertThat(run.min()).isEqualTo(0.2, within(1e-6));
        assertThat(run.max()).isEqualTo(0.6, within(1e-6));
        assertThat(run.pixels(early)[1]).as("0.25 at step 0 and at step 90").isEqualTo(run.pixels(late)[1]);
        assertThat(new SimilarityColors(early).pixels(early)[1]).as("a per-step scale would call it the maximum")
                .isEqualTo(BRIGHTEST).isNotEqualTo(run.pixels(early)[1]);
    }

    @Test
    void aFlatMatrixGetsAUnitRangeAndTheDarkestColourAndNaNIsOffThePalette() {
        SimilaritySnapshot flat = new SimilaritySnapshot(0, List.of("a"), List.of("x", "y"),
                new float[][] {{0.5f, 0.5f}}, null);

        SimilarityColors colors = new SimilarityColors(flat);

        assertThat(colors.max() - colors.min()).isEqualTo(1.0);
        assertThat(colors.pixels(flat)).containsExactly(DARKEST, DARKEST);
        assertThat(colors.color(Double.NaN)).isEqualTo(0xFFFFFFFF);
    }

    /** CIE L* of an sRGB colour (D65). */
    static double lightness(int argb) {
        double y = 0.2126 * linear(argb >> 16 & 0xFF) + 0.7152 * linear(argb >> 8 & 0xFF) + 0.0722 * linear(argb & 0xFF);
        return y > 216.0 / 24389 ? 116 * Math.cbrt(y) - 16 : y * 24389 / 27;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
