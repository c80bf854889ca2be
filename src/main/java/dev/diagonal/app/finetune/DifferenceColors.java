package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;

/**
 * The Difference view's scale: after − before on a diverging palette (ColorBrewer's RdBu, reversed:
 * blue where the similarity fell, near-white where it did not move, red where it rose), over a range
 * symmetric about 0 so that white is always "no change". The range is the largest change of the pair shown.
 */
final class DifferenceColors implements CellColors {

    /** RdBu reversed, 11 stops from −range (blue) through 0 (near-white) to +range (red). */
    private static final int[] RDBU = {0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582,
        0xD6604D, 0xB2182B, 0x67001F};

    /** The diagonal's ring on this palette: black reads on its white middle and on both dark ends. */
    static final int RING = 0xFF000000;

    private final double range;

    /** The scale for the differences in {@code difference} (a flat one gets ±0.001). */
    DifferenceColors(SimilaritySnapshot difference) {
        double r = 0;
        for (float[] row : difference.matrix()) {
            for (float v : row) {
                r = Float.isNaN(v) ? r : Math.max(r, Math.abs(v));
            }
        }
        range = r > 0 ? r : 1e-3;
    }

    /**
     * After − before, cell by cell, labelled as {@code after}; null when the two were not taken on one
     * probe (other labels or shape), where a difference would mean nothing.
     */
    static SimilaritySnapshot difference(SimilaritySnapshot after, SimilaritySnapshot before) {
        if (!after.rowLabels().equals(before.rowLabels()) || !after.colLabels().equals(before.colLabels())
                || !java.util.Objects.equals(after.imagePaths(), before.imagePaths())) {
            return null;
        }
        float[][] a = after.matrix();
        float[][] b = before.matrix();
        float[][] d = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            d[r] = new float[a[r].length];
            for (int c = 0; c < a[r].length; c++) {
                d[r][c] = a[r][c] - b[r][c];
            }
        }
        return new SimilaritySnapshot(after.step(), after.rowLabels(), after.colLabels(), d, after.imagePaths());
    }

    @Override
    public double min() {
        return -range;
    }

    @Override
    public double max() {
        return range;
    }

    /** The ARGB colour at {@code t} from 0 (−range) through 0.5 (no change) to 1 (+range), clamped. */
    static int palette(double t) {
        double x = Math.max(0, Math.min(1, t)) * (RDBU.length - 1);
        int i = Math.min(RDBU.length - 2, (int) Math.floor(x));
        double f = x - i;
        int a = RDBU[i];
        int b = RDBU[i + 1];
        int r = (int) Math.round((a >> 16 & 0xFF) * (1 - f) + (b >> 16 & 0xFF) * f);
        int g = (int) Math.round((a >> 8 & 0xFF) * (1 - f) + (b >> 8 & 0xFF) * f);
        int bl = (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    /** The ARGB colour of a difference; NaN is light grey (no colour of the scale is grey). */
    int color(double value) {
        return Double.isNaN(value) ? 0xFFBBBBBB : palette((value + range) / (2 * range));
    }

    @Override
    public int barColor(int band, int bands) {
        return palette(band / (double) (bands - 1));
    }

    @Override
    public int[] pixels(SimilaritySnapshot snapshot) {
        float[][] m = snapshot.matrix();
        int cols = snapshot.colLabels().size();
        int[] argb = new int[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < cols; c++) {
                argb[r * cols + c] = color(m[r][c]);
            }
        }
        return argb;
    }
}
