package dev.diagonal.train;

import dev.diagonal.data.Sample;
import dev.diagonal.text.ClipTokenizer;
import dev.diagonal.text.TokenBatch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Samples with their captions tokenized once up front (unpadded), so a batch's text input is only a
 * matter of padding. Indices are positions in {@link #samples()}.
 */
final class TrainingData {

    private final List<Sample> samples;
    private final long[][] tokens;
    private final int padId;

    private TrainingData(List<Sample> samples, long[][] tokens, int padId) {
        this.samples = samples;
        this.tokens = tokens;
        this.padId = padId;
    }

    /** Tokenizes every caption (each sample must have one). */
    static TrainingData of(List<Sample> samples, ClipTokenizer tokenizer) {
        long[][] tokens = new long[samples.size()][];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokenizer.encode(samples.get(i).caption());
        }
        return new TrainingData(List.copyOf(samples), tokens, tokenizer.padTokenId());
    }

    List<Sample> samples() {
        return samples;
    }

    int size() {
        return samples.size();
    }

    List<Path> images() {
        return samples.stream().map(Sample::image).toList();
    }

    List<String> labels() {
        return samples.stream().map(Sample::label).toList();
    }

    /** Every caption's ids, unpadded, by index. */
    long[][] tokensRows() {
        return tokens.clone();
    }

    /** The captions of {@code indices}, padded to the longest with the pad id, and their mask. */
    TokenBatch tokens(int[] indices) {
        return pad(Arrays.stream(indices).mapToObj(i -> tokens[i]).toArray(long[][]::new), padId);
    }

    /** Rows padded to the longest with {@code padId}, and the attention mask. */
    static TokenBatch pad(long[][] rows, int padId) {
        int width = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
        long[][] ids = new long[rows.length][width];
        long[][] mask = new long[rows.length][width];
        for (int r = 0; r < rows.length; r++) {
            Arrays.fill(ids[r], padId);
            System.arraycopy(rows[r], 0, ids[r], 0, rows[r].length);
            Arrays.fill(mask[r], 0, rows[r].length, 1L);
        }
        return new TokenBatch(ids, mask);
    }
}
