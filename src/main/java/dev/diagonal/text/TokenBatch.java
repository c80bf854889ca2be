package dev.diagonal.text;

/**
 * Token ids of several texts padded to the longest of them.
 *
 * @param inputIds one row per text: start token, text tokens, end token, then pad ids
 * @param attentionMask same shape as {@code inputIds}: 1 for a real token, 0 for padding
 */
public record TokenBatch(long[][] inputIds, long[][] attentionMask) {

    /** Number of texts. */
    public int size() {
        return inputIds.length;
    }

    /** Length of every row (0 for an empty batch). */
    public int sequenceLength() {
        return inputIds.length == 0 ? 0 : inputIds[0].length;
    }
}
