package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Orders of the heatmap's rows and columns. Image {@code i} and caption {@code i} are one pair and move
 * together, so the true pairs stay on the diagonal whatever the order; a caption without an image (or an
 * image without a caption) keeps its place after the pairs. Every order is deterministic: ties go by
 * probe index.
 */
final class HeatmapOrder {

    /** The orders offered. */
    enum Sort {
        PROBE("probe order"),
        CLASS("class"),
        MARGIN("diagonal margin"),
        CLUSTER("clustering");

        private final String label;

        Sort(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private HeatmapOrder() {}

    /** The pairs' order: a permutation of {@code 0 … max(rows, cols) − 1}. */
    static int[] pairs(SimilaritySnapshot snapshot, Sort sort) {
        int rows = snapshot.rowLabels().size();
        int n = Math.max(rows, snapshot.colLabels().size());
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        switch (sort) {
            case PROBE -> { }
            case CLASS -> order.sort(Comparator.comparing((Integer i) -> label(snapshot, i), String.CASE_INSENSITIVE_ORDER)
                    .thenComparingInt(i -> i));
            case MARGIN -> order.sort(Comparator.comparingDouble((Integer i) -> {
                double m = margin(snapshot, i);
                return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
            }).thenComparingInt(i -> i));
            case CLUSTER -> {
                order.clear();
                for (int i : averageLinkage(snapshot.matrix())) {
                    order.add(i);
                }
                IntStream.range(rows, n).forEach(order::add);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The entries of {@code pairs} below {@code size}: the rows' (or columns') order. */
    static int[] restrict(int[] pairs, int size) {
        return IntStream.of(pairs).filter(i -> i < size).toArray();
    }

    /**
     * Image {@code i}'s diagonal margin: its own caption's similarity minus the most similar other caption's.
     * Negative: the image prefers a wrong caption. NaN when it has no caption of its own or no other.
     */
    static double margin(SimilaritySnapshot snapshot, int i) {
        float[][] m = snapshot.matrix();
        if (i >= m.length || i >= m[i].length || m[i].length < 2) {
            return Double.NaN;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < m[i].length; c++) {
            if (c != i) {
                best = Math.max(best, m[i][c]);
            }
        }
        return m[i][i] - best;
    }

    /** {@code snapshot} with its rows and columns in the given orders. */
    static SimilaritySnapshot apply(SimilaritySnapshot snapshot, int[] rows, int[] cols) {
        float[][] m = snapshot.matrix();
        float[][] out = new float[rows.length][cols.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                out[r][c] = m[rows[r]][cols[c]];
            }
        }
        List<String> paths = snapshot.imagePaths();
        return new SimilaritySnapshot(snapshot.step(), pick(snapshot.rowLabels(), rows), pick(snapshot.colLabels(), cols), out,
                paths == null ? null : pick(paths, rows));
    }

    /**
     * Average-linkage (UPGMA) clustering of the rows by the Euclidean distance of their similarity
     * vectors, read off as the dendrogram's leaf order: images that the captions see alike end up
     * together. Each merge puts the cluster holding the lower probe index first. O(n³): 256 rows take
     * about 17 million steps.
     */
    static int[] averageLinkage(float[][] m) {
        int n = m.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < m[i].length; c++) {
                    double diff = m[i][c] - m[j][c];
                    sum += Double.isNaN(diff) ? 0 : diff * diff;
                }
                d[i][j] = d[j][i] = Math.sqrt(sum);
            }
        }
        int[][] members = new int[n][];
        boolean[] alive = new boolean[n];
        for (int i = 0; i < n; i++) {
            members[i] = new int[] {i};
            alive[i] = true;
        }
        for (int merge = 1; merge < n; merge++) {
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; alive[i] && j < n; j++) {
                    if (alive[j] && (bi < 0 || d[i][j] < d[bi][bj])) {
                        bi = i;
                        bj = j;
                    }
                }
            }
            // slot bi's lowest member is bi, and every member of slot bj is at least bj: bi's cluster goes first
            int si = members[bi].length;
            int sj = members[bj].length;
            for (int k = 0; k < n; k++) {
                if (alive[k] && k != bi && k != bj) {
                    d[bi][k] = d[k][bi] = (si * d[bi][k] + sj * d[bj][k]) / (si + sj);
                }
            }
            int[] joined = java.util.Arrays.copyOf(members[bi], si + sj);
            System.arraycopy(members[bj], 0, joined, si, sj);
            members[bi] = joined;
            alive[bj] = false;
        }
        return n == 0 ? new int[0] : members[0];
    }

    private static String label(SimilaritySnapshot snapshot, int i) {
        return i < snapshot.rowLabels().size() ? snapshot.rowLabels().get(i) : snapshot.colLabels().get(i);
    }

    private static List<String> pick(List<String> values, int[] order) {
        return IntStream.of(order).mapToObj(values::get).toList();
    }
}
