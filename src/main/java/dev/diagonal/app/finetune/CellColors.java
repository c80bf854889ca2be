package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;

/** A heatmap colour scale: one ARGB pixel per cell, its range and its colour bar. */
interface CellColors {

    /** One ARGB pixel per cell, row-major ({@code rows × cols}), for {@code PixelWriter.setPixels}. */
    int[] pixels(SimilaritySnapshot snapshot);

    /** The value at the bottom of the colour bar. */
    double min();

    /** The value at the top of the colour bar. */
    double max();

    /** The ARGB colour of block {@code band} of {@code bands} (0 = lowest) of the colour bar. */
    int barColor(int band, int bands);
}
