package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The probe's hardest negatives: the off-diagonal cells (an image and a caption that is not its own)
 * with the highest similarity. A caption whose text equals the image's own caption (two images of one
 * class captioned by one template) is no negative and is skipped.
 */
final class HardNegatives {

    /** How many the gallery shows unless told otherwise. */
    static final int DEFAULT_COUNT = 8;

    /**
     * One confused pair.
     *
     * @param row the image's row (probe order)
     * @param col the wrong caption's column (probe order)
     * @param image the image's class
     * @param imagePath the image's path, null when unknown
     * @param caption the wrong caption's label
     * @param score their cosine similarity
     */
    record Negative(int row, int col, String image, String imagePath, String caption, double score) {}

    private HardNegatives() {}

    /** The {@code k} most similar wrong pairs of {@code snapshot}, most similar first (ties by row, then column). */
    static List<Negative> top(SimilaritySnapshot snapshot, int k) {
        float[][] m = snapshot.matrix();
        List<String> captions = snapshot.colLabels();
        Comparator<int[]> order = Comparator.<int[]>comparingDouble(cell -> -m[cell[0]][cell[1]])
                .thenComparingInt(cell -> cell[0]).thenComparingInt(cell -> cell[1]);
        // keeps the k best seen so far, the worst of them at the head
        PriorityQueue<int[]> best = new PriorityQueue<>(order.reversed());
        for (int r = 0; r < m.length; r++) {
            String own = r < captions.size() ? captions.get(r) : null;
            for (int c = 0; c < m[r].length; c++) {
                if (c == r || Float.isNaN(m[r][c]) || captions.get(c).equals(own)) {
                    continue;
                }
                best.add(new int[] {r, c});
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        List<int[]> cells = new ArrayList<>(best);
        cells.sort(order);
        List<String> columns = ProbeLabels.columns(snapshot);
        List<String> paths = snapshot.imagePaths();
        return cells.stream().map(cell -> new Negative(cell[0], cell[1], snapshot.rowLabels().get(cell[0]),
                paths == null ? null : paths.get(cell[0]), columns.get(cell[1]), m[cell[0]][cell[1]])).toList();
    }
}
