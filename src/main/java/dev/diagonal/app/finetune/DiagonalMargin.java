package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;

/**
 * Two numbers per similarity snapshot for the curve beside the loss: the diagonal margin (mean cosine of
 * the true pairs minus the mean of every other cell) and the probe's top-1 (the share of images whose own
 * caption ranks first in their row; a tie with an identical caption counts as first).
 */
final class DiagonalMargin {

    private DiagonalMargin() {}

    /** Mean diagonal − mean off-diagonal of {@code snapshot}; NaN when it has no pair or no other cell. */
    static double margin(SimilaritySnapshot snapshot) {
        float[][] m = snapshot.matrix();
        double diagonal = 0;
        int pairs = 0;
        double off = 0;
        int others = 0;
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                if (Float.isNaN(m[r][c])) {
                    continue;
                }
                if (r == c) {
                    diagonal += m[r][c];
                    pairs++;
                } else {
                    off += m[r][c];
                    others++;
                }
            }
        }
        return pairs == 0 || others == 0 ? Double.NaN : diagonal / pairs - off / others;
    }

    /** The share of images (those with a caption of their own) whose caption ranks first; NaN when none has one. */
    static double top1(SimilaritySnapshot snapshot) {
        int pairs = Math.min(snapshot.matrix().length, snapshot.colLabels().size());
        int first = 0;
        for (int r = 0; r < pairs; r++) {
            first += ProbeRanking.captionRank(snapshot, r) == 1 ? 1 : 0;
        }
        return pairs == 0 ? Double.NaN : first / (double) pairs;
    }
}
