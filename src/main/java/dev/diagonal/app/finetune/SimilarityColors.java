package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.Collection;

/**
 * The heatmap's colour scale: viridis (dark violet at the lowest similarity, through blue and green, to
 * yellow at the highest), whose lightness rises evenly so the brightest cells, usually the diagonal,
 * stand out and equal steps of similarity look like equal steps. One scale spans every snapshot of a
 * run so that a colour means the same cosine at every step. Turns a snapshot into one ARGB pixel per
 * cell, rows = images, columns = captions.
 */
final class SimilarityColors implements CellColors {

    /** How many blocks the colour bar is drawn in (cells themselves are coloured continuously). */
    static final int BANDS = 64;

    /** matplotlib's viridis at 0, 1/8, …, 1; linear in between keeps its lightness monotone. */
    private static final int[] VIRIDIS = {0x440154, 0x472C7A, 0x3B518B, 0x2C718E, 0x21908D, 0x27AD81,
        0x5CC863, 0xAADC32, 0xFDE725};

    /** What NaN cells show: no colour of the scale. */
    static final int NAN_COLOR = 0xFFFFFFFF;

    private final double min;
    private final double max;

    /** The scale spanning {@code snapshot}'s lowest to highest similarity (a flat matrix gets a unit range). */
    SimilarityColors(SimilaritySnapshot snapshot) {
        this(java.util.List.of(snapshot));
    }

    /** The scale spanning the lowest to highest similarity of all {@code snapshots} (a run's, say). */
    SimilarityColors(Collection<SimilaritySnapshot> snapshots) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SimilaritySnapshot snapshot : snapshots) {
            for (float[] row : snapshot.matrix()) {
                for (float value : row) {
                    lo = Math.min(lo, value);
                    hi = Math.max(hi, value);
                }
            }
        }
        if (!(lo <= hi)) { // empty, or NaN everywhere
            lo = 0;
            hi = 0;
        }
        min = lo;
        max = hi > lo ? hi : lo + 1;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    /** The ARGB colour of colour-bar block {@code band} (0 = lowest). */
    static int bandColor(int band) {
        return palette(band / (double) (BANDS - 1));
    }

    @Override
    public int barColor(int band, int bands) {
        return palette(band / (double) (bands - 1));
    }

    /** The ARGB colour at {@code t} from 0 (lowest) to 1 (highest), clamped. */
    static int palette(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(x));
        double f = x - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = (int) Math.round((a >> 16 & 0xFF) * (1 - f) + (b >> 16 & 0xFF) * f);
        int g = (int) Math.round((a >> 8 & 0xFF) * (1 - f) + (b >> 8 & 0xFF) * f);
        int bl = (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    /** The ARGB colour of a similarity; NaN is white. */
    int color(double value) {
        if (Double.isNaN(value)) {
            return NAN_COLOR;
        }
        return palette((value - min) / (max - min));
    }

    /** One ARGB pixel per cell, row-major ({@code rows × cols}), for {@code PixelWriter.setPixels}. */
    @Override
    public int[] pixels(SimilaritySnapshot snapshot) {
        float[][] matrix = snapshot.matrix();
        int cols = snapshot.colLabels().size();
        int[] argb = new int[matrix.length * cols];
        for (int r = 0; r < matrix.length; r++) {
            for (int c = 0; c < cols; c++) {
                argb[r * cols + c] = color(matrix[r][c]);
            }
        }
        return argb;
    }
}
