package dev.diagonal.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which image–text pairs of a batch are positives when batches hold several samples of one class.
 * Image {@code i} and text column {@code j} are a positive pair when their samples share a key: the class
 * when the caption is made from a class prompt, else the case-folded caption itself (so a labelled set
 * with captions of its own keeps captions apart, and two images with one caption are positives). Texts are deduplicated: a sample whose key
 * and tokens equal an earlier sample's shares that sample's column, since both would give the same
 * features. With all keys distinct this is the identity of plain CLIP batches.
 */
public final class PositivePairs {

    private final int images;
    private final int[] textRows;
    private final boolean[][] positive;

    private PositivePairs(int images, int[] textRows, boolean[][] positive) {
        this.images = images;
        this.textRows = textRows;
        this.positive = positive;
    }

    /**
     * The pairs of a batch.
     *
     * @param keys per batch position, the sample's key (null: a key of its own)
     * @param tokens per batch position, the sample's caption as token ids (unpadded)
     */
    public static PositivePairs of(List<String> keys, long[][] tokens) {
        int n = keys.size();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (columnOf(keys, tokens, rows, i) < 0) {
                rows.add(i);
            }
        }
        boolean[][] positive = new boolean[n][rows.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows.size(); j++) {
                int owner = rows.get(j);
                positive[i][j] = i == owner || (keys.get(i) != null && keys.get(i).equals(keys.get(owner)));
            }
        }
        return new PositivePairs(n, rows.stream().mapToInt(Integer::intValue).toArray(), positive);
    }

    private static int columnOf(List<String> keys, long[][] tokens, List<Integer> rows, int i) {
        for (int j = 0; j < rows.size(); j++) {
            int owner = rows.get(j);
            if (keys.get(i) != null && Objects.equals(keys.get(i), keys.get(owner)) && Arrays.equals(tokens[i], tokens[owner])) {
                return j;
            }
        }
        return -1;
    }

    /** Whether every image has exactly its own text as positive (plain CLIP targets). */
    public boolean identity() {
        if (textRows.length != images) {
            return false;
        }
        for (int i = 0; i < images; i++) {
            for (int j = 0; j < images; j++) {
                if (positive[i][j] != (i == j)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Images in the batch (rows of the logits). */
    public int images() {
        return images;
    }

    /** Batch positions whose captions are the text columns, in column order. */
    public int[] textRows() {
        return textRows.clone();
    }

    /** The texts of the columns: {@code rows} (one per batch position) picked at {@link #textRows()}. */
    public long[][] texts(long[][] rows) {
        return Arrays.stream(textRows).mapToObj(r -> rows[r]).toArray(long[][]::new);
    }

    /**
     * The image-to-text targets, (images, columns) row-major: each image's probability spread evenly over
     * its positive columns.
     */
    public float[] imageTargets() {
        float[] out = new float[images * textRows.length];
        for (int i = 0; i < images; i++) {
            int count = 0;
            for (boolean p : positive[i]) {
                count += p ? 1 : 0;
            }
            for (int j = 0; j < textRows.length; j++) {
                out[i * textRows.length + j] = positive[i][j] ? 1f / count : 0f;
            }
        }
        return out;
    }

    /**
     * The text-to-image targets, also (images, columns) row-major: each column's probability spread evenly
     * over its positive images.
     */
    public float[] textTargets() {
        float[] out = new float[images * textRows.length];
        for (int j = 0; j < textRows.length; j++) {
            int count = 0;
            for (int i = 0; i < images; i++) {
                count += positive[i][j] ? 1 : 0;
            }
            for (int i = 0; i < images; i++) {
                out[i * textRows.length + j] = positive[i][j] ? 1f / count : 0f;
            }
        }
        return out;
    }
}
