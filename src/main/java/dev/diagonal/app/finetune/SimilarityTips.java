package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.data.xy.XYDataset;

/**
 * The heatmap cells' tooltips ({@code image ↔ caption: 0.312}). The chart asks for every cell's tooltip
 * at every redraw, so each text is made once per snapshot, with a reused number format rather than
 * {@code String.format} (which parses its pattern each call).
 */
final class SimilarityTips implements XYToolTipGenerator {

    private final SimilaritySnapshot snapshot;
    private final String[][] texts;
    private final DecimalFormat number = new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT));

    SimilarityTips(SimilaritySnapshot snapshot) {
        this.snapshot = snapshot;
        texts = new String[snapshot.rowLabels().size()][snapshot.colLabels().size()];
    }

    @Override
    public String generateToolTip(XYDataset dataset, int series, int item) {
        return text((int) dataset.getYValue(series, item), (int) dataset.getXValue(series, item));
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
