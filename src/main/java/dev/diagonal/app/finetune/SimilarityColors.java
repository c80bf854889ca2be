package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;

/**
 * The heatmap's colour scale over one snapshot: twelve bands from near-white (the lowest similarity)
 * to dark blue (the highest), the same bands the chart-based heatmap used. Turns a snapshot into one
 * ARGB pixel per cell, rows = images, columns = captions.
 */
final class SimilarityColors {

    /** How many colour bands the range is cut into. */
    static final int BANDS = 12;

    private final double min;
    private final double max;

    /** The scale spanning {@code snapshot}'s lowest to highest similarity (a flat matrix gets a unit range). */
    SimilarityColors(SimilaritySnapshot snapshot) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] row : snapshot.matrix()) {
            for (float value : row) {
                lo = Math.min(lo, value);
                hi = Math.max(hi, value);
            }
        }
        if (!(lo <= hi)) { // empty, or NaN everywhere
            lo = 0;
            hi = 0;
        }
        min = lo;
        max = hi > lo ? hi : lo + 1;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** The ARGB colour of band {@code band} (0 = lowest). */
    static int bandColor(int band) {
        float t = band / (float) (BANDS - 1);
        int r = Math.round(247 - t * 229);
        int g = Math.round(249 - t * 186);
        int b = Math.round(252 - t * 112);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /** The ARGB colour of a similarity; NaN is white. */
    int color(double value) {
        if (Double.isNaN(value)) {
            return 0xFFFFFFFF;
        }
        int band = (int) Math.floor((value - min) / (max - min) * BANDS);
        return bandColor(Math.max(0, Math.min(BANDS - 1, band)));
    }

    /** One ARGB pixel per cell, row-major ({@code rows × cols}), for {@code PixelWriter.setPixels}. */
    int[] pixels(SimilaritySnapshot snapshot) {
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
