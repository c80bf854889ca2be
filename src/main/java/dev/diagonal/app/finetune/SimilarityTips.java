package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The heatmap cells' tooltip texts ({@code image ↔ caption: 0.312}), each made once per snapshot when
 * the pointer first rests on its cell, with a reused number format rather than {@code String.format}.
 */
final class SimilarityTips {

    private final SimilaritySnapshot snapshot;
    private final String[][] texts;
    private final DecimalFormat number = new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT));

    SimilarityTips(SimilaritySnapshot snapshot) {
        this.snapshot = snapshot;
        texts = new String[snapshot.rowLabels().size()][snapshot.colLabels().size()];
    }

    /** The tooltip of the cell of image {@code row} and caption {@code col}. */
    String text(int row, int col) {
        String text = texts[row][col];
        if (text == null) {
            text = snapshot.rowLabels().get(row) + " ↔ " + snapshot.colLabels().get(col) + ": "
                    + number.format(snapshot.matrix()[row][col]);
            texts[row][col] = text;
        }
        return text;
    }
}
