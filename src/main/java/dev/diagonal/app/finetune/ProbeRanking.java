package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What clicking the heatmap shows: an image's best-matching captions, a caption's best-matching images,
 * and where the true partner ranks (image {@code i} and caption {@code i} of the probe belong together).
 * Ties rank alike (the rank is one more than the number of strictly higher scores); NaN sorts last.
 */
final class ProbeRanking {

    /**
     * One ranked partner.
     *
     * @param index the caption's column (for an image) or the image's row (for a caption)
     * @param label the caption's label or the image's class
     * @param imagePath the image's path, for a ranked image with a known path; else null
     * @param score the cosine similarity
     * @param truePartner whether it is the clicked item's own partner
     */
    record Match(int index, String label, String imagePath, double score, boolean truePartner) {}

    private ProbeRanking() {}

    /** The {@code k} captions most similar to image {@code row}, best first. */
    static List<Match> topCaptions(SimilaritySnapshot snapshot, int row, int k) {
        List<String> columns = ProbeLabels.columns(snapshot);
        float[] values = snapshot.matrix()[row];
        return best(values.length, c -> values[c], k).stream()
                .map(c -> new Match(c, columns.get(c), null, values[c], c == row)).toList();
    }

    /** The {@code k} images most similar to caption {@code col}, best first. */
    static List<Match> topImages(SimilaritySnapshot snapshot, int col, int k) {
        float[][] m = snapshot.matrix();
        List<String> paths = snapshot.imagePaths();
        return best(m.length, r -> m[r][col], k).stream()
                .map(r -> new Match(r, snapshot.rowLabels().get(r), paths == null ? null : paths.get(r), m[r][col], r == col))
                .toList();
    }

    /** Where image {@code row}'s own caption ranks among the row (1 = best), 0 when it has none. */
    static int captionRank(SimilaritySnapshot snapshot, int row) {
        float[] values = snapshot.matrix()[row];
        return row < values.length ? rank(values.length, c -> values[c], row) : 0;
    }

    /** Where caption {@code col}'s own image ranks down the column (1 = best), 0 when it has none. */
    static int imageRank(SimilaritySnapshot snapshot, int col) {
        float[][] m = snapshot.matrix();
        return col < m.length ? rank(m.length, r -> m[r][col], col) : 0;
    }

    private static int rank(int n, java.util.function.IntToDoubleFunction score, int own) {
        double mine = score.applyAsDouble(own);
        int rank = 1;
        for (int i = 0; i < n; i++) {
            rank += score.applyAsDouble(i) > mine ? 1 : 0;
        }
        return rank;
    }

    private static List<Integer> best(int n, java.util.function.IntToDoubleFunction score, int k) {
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> {
            double v = score.applyAsDouble(i);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        });
        List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        all.sort(byScore.thenComparingInt(i -> i));
        return all.subList(0, Math.min(k, n));
    }
}
