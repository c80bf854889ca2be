package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;

/**
 * One picture of the heatmap, as its view model composes it and the view draws it.
 *
 * @param cells the values drawn, rows and columns already in display order
 * @param colors their colour scale
 * @param tips the cells' tooltips, in display order
 * @param title the line above the matrix
 * @param scale the colour bar's caption ("cosine", "after − before")
 * @param signed whether the bar's end values are printed with a sign
 * @param ring the diagonal ring's ARGB colour
 * @param rows display row → probe row
 * @param cols display column → probe column
 */
record HeatmapFrame(SimilaritySnapshot cells, CellColors colors, CellTips tips, String title, String scale, boolean signed,
        int ring, int[] rows, int[] cols) {}
