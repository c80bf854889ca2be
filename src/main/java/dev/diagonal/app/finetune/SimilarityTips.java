package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * The heatmap cells' tooltip texts: the cosine, the softmax probability both ways (over the row, image →
 * captions, as the image-side loss sees it; over the column, caption → images), and the ranks of the true
 * partners (image {@code i} and caption {@code i} of the probe belong together). Each text is made once
 * per snapshot when the pointer first rests on its cell, with a reused number format.
 */
final class SimilarityTips implements CellTips {

    /** CLIP's trained logit scale ({@code exp(4.6052)}), used when a run has not recorded its own. */
    static final double CLIP_LOGIT_SCALE = 100;

    private final SimilaritySnapshot snapshot;
    private final List<String> columns;
    private final double scale;
    private final boolean scaleRecorded;
    private final double[] rowMax;
    private final double[] rowSum;
    private final double[] colMax;
    private final double[] colSum;
    private final String[][] texts;
    private final DecimalFormat number = new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT));

    /** Tips at CLIP's logit scale. */
    SimilarityTips(SimilaritySnapshot snapshot) {
        this(snapshot, Double.NaN);
    }

    /**
     * @param logitScale the run's {@code exp(logit_scale)} near the snapshot's step; NaN (or not positive)
     *     when unknown: then CLIP's 100, said so in the text
     */
    SimilarityTips(SimilaritySnapshot snapshot, double logitScale) {
        this.snapshot = snapshot;
        columns = ProbeLabels.columns(snapshot);
        scaleRecorded = logitScale > 0 && Double.isFinite(logitScale);
        scale = scaleRecorded ? logitScale : CLIP_LOGIT_SCALE;
        float[][] m = snapshot.matrix();
        int rows = m.length;
        int cols = columns.size();
        rowMax = new double[rows];
        rowSum = new double[rows];
        colMax = new double[cols];
        colSum = new double[cols];
        java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                rowMax[r] = Math.max(rowMax[r], m[r][c]);
                colMax[c] = Math.max(colMax[c], m[r][c]);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) { // shifted by the maximum so exp cannot overflow at scale 100
                rowSum[r] += Math.exp(scale * (m[r][c] - rowMax[r]));
                colSum[c] += Math.exp(scale * (m[r][c] - colMax[c]));
            }
        }
        texts = new String[rows][cols];
    }

    /** The softmax over row {@code row} (image → every caption) at caption {@code col}. */
    double imageToText(int row, int col) {
        return Math.exp(scale * (snapshot.matrix()[row][col] - rowMax[row])) / rowSum[row];
    }

    /** The softmax over column {@code col} (caption → every image) at image {@code row}. */
    double textToImage(int row, int col) {
        return Math.exp(scale * (snapshot.matrix()[row][col] - colMax[col])) / colSum[col];
    }

    /** Where image {@code row}'s own caption ranks among the row's (1 = most similar), 0 when it has none. */
    int captionRank(int row) {
        float[] values = snapshot.matrix()[row];
        if (row >= values.length) {
            return 0;
        }
        int rank = 1;
        for (float v : values) {
            rank += v > values[row] ? 1 : 0;
        }
        return rank;
    }

    /** Where caption {@code col}'s own image ranks down the column (1 = most similar), 0 when it has none. */
    int imageRank(int col) {
        float[][] m = snapshot.matrix();
        if (col >= m.length) {
            return 0;
        }
        int rank = 1;
        for (float[] values : m) {
            rank += values[col] > m[col][col] ? 1 : 0;
        }
        return rank;
    }

    /** The tooltip of the cell of image {@code row} and caption {@code col}. */
    @Override
    public String text(int row, int col) {
        String text = texts[row][col];
        if (text == null) {
            StringBuilder b = new StringBuilder()
                    .append(snapshot.rowLabels().get(row)).append(" ↔ ").append(columns.get(col))
                    .append(row == col ? " (a true pair)" : "").append('\n')
                    .append("cosine ").append(number.format(snapshot.matrix()[row][col])).append('\n')
                    .append("p(caption | image) ").append(number.format(imageToText(row, col)))
                    .append(" · p(image | caption) ").append(number.format(textToImage(row, col))).append('\n')
                    .append(scaleRecorded ? "softmax at the run's logit scale " + number.format(scale)
                            : "softmax at logit scale 100 (CLIP's; the run's is not recorded)");
            int caption = captionRank(row);
            int image = imageRank(col);
            if (caption > 0) {
                b.append('\n').append("this image's caption ranks ").append(caption).append(" of ").append(columns.size());
            }
            if (image > 0) {
                b.append('\n').append("this caption's image ranks ").append(image).append(" of ").append(snapshot.matrix().length);
            }
            text = b.toString();
            texts[row][col] = text;
        }
        return text;
    }
}
