package dev.diagonal.train;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Sample;
import dev.diagonal.text.ClipTokenizer;
import dev.diagonal.text.TokenBatch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Samples with their captions tokenized once up front (unpadded), so a batch's text input is only a
 * matter of padding. Indices are positions in {@link #samples()}. With caption templates, every
 * caption is also tokenized inside each template, and a training batch takes one template per sample,
 * picked by {@link RandomStreams}.
 */
final class TrainingData {

    private final List<Sample> samples;
    private final long[][] tokens;
    private final long[][][] templated;
    private final long seed;
    private final int padId;

    private TrainingData(List<Sample> samples, long[][] tokens, long[][][] templated, long seed, int padId) {
        this.samples = samples;
        this.tokens = tokens;
        this.templated = templated;
        this.seed = seed;
        this.padId = padId;
    }

    /** Tokenizes every caption (each sample must have one). */
    static TrainingData of(List<Sample> samples, ClipTokenizer tokenizer) {
        return of(samples, tokenizer, List.of(), 0);
    }

    /**
     * Tokenizes every caption as it is and inside each of {@code templates} (which may be empty), for
     * training batches picked with {@code seed}.
     */
    static TrainingData of(List<Sample> samples, ClipTokenizer tokenizer, List<String> templates, long seed) {
        long[][] tokens = new long[samples.size()][];
        long[][][] templated = new long[samples.size()][templates.size()][];
        for (int i = 0; i < tokens.length; i++) {
            String caption = samples.get(i).caption();
            tokens[i] = tokenizer.encode(caption);
            for (int t = 0; t < templates.size(); t++) {
                templated[i][t] = tokenizer.encode(templates.get(t).replace(CaptionTemplates.PLACEHOLDER, caption));
            }
        }
        return new TrainingData(List.copyOf(samples), tokens, templated, seed, tokenizer.padTokenId());
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

    /**
     * The captions of {@code indices} for training micro-batch {@code position}: each inside a template
     * picked at random when there are templates, else as they are; unpadded.
     */
    long[][] rows(int[] indices, long position) {
        long[][] rows = new long[indices.length][];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            long[][] choices = templated[i];
            rows[r] = choices.length == 0 ? tokens[i]
                    : choices[RandomStreams.of(~seed, position, i).nextInt(choices.length)]; // ~seed: apart from augmentation
        }
        return rows;
    }

    /** {@link #rows(int[], long)} padded, with their mask. */
    TokenBatch tokens(int[] indices, long position) {
        return pad(rows(indices, position));
    }

    /** {@code rows} padded with this data's pad id, and their mask. */
    TokenBatch pad(long[][] rows) {
        return pad(rows, padId);
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
