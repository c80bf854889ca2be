package dev.diagonal.train;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Sample;
import dev.diagonal.text.ClipTokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text side of {@link Batches#CLASSES} batches: one prompt for every class of the training data, so
 * each image's loss is cross-entropy over all classes (CLIP-LoRA's and CoOp's objective) rather than over
 * the classes its batch happens to hold. Each class's prompt takes one of the templates per micro-batch,
 * picked by {@link RandomStreams} as {@link TrainingData} picks a caption's.
 */
final class ClassPrompts {

    private final long[][][] prompts;
    private final int[] classOf;
    private final long seed;

    private ClassPrompts(long[][][] prompts, int[] classOf, long seed) {
        this.prompts = prompts;
        this.classOf = classOf;
        this.seed = seed;
    }

    /**
     * The prompts of {@code classes} in {@code templates} (the built-in ones when empty), or null unless every
     * training sample has a label and no caption of its own (data with captions train on them as
     * {@link Batches#FILL}).
     *
     * @param batchKeys {@link DataSetup.Prepared#batchKeys()}, which tell label-only samples apart
     */
    static ClassPrompts of(List<Sample> train, List<String> batchKeys, List<String> classes, List<String> templates,
            ClipTokenizer tokenizer, long seed) {
        if (!DataSetup.Prepared.labelsOnly(batchKeys)) {
            return null;
        }
        Map<String, Integer> index = new HashMap<>();
        for (String label : classes) {
            index.putIfAbsent(label, index.size());
        }
        int[] classOf = new int[train.size()];
        for (int i = 0; i < classOf.length; i++) {
            Integer c = train.get(i).label() == null ? null : index.get(train.get(i).label());
            if (c == null) {
                return null;
            }
            classOf[i] = c;
        }
        CaptionTemplates set = templates.isEmpty() ? CaptionTemplates.defaults() : CaptionTemplates.of(templates);
        long[][][] prompts = new long[index.size()][][];
        index.forEach((label, c) -> prompts[c] = set.captionsFor(label).stream().map(tokenizer::encode).toArray(long[][]::new));
        return new ClassPrompts(prompts, classOf, seed);
    }

    /** Classes, one text column each. */
    int classes() {
        return prompts.length;
    }

    /** One prompt per class for micro-batch {@code position}, unpadded, in class order. */
    long[][] rows(long position) {
        long[][] rows = new long[prompts.length][];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = prompts[c][RandomStreams.of(~seed, position, -1 - c).nextInt(prompts[c].length)];
        }
        return rows;
    }

    /** The one-hot targets of the samples at {@code indices}, (images, classes) row-major. */
    float[] targets(int[] indices) {
        float[] out = new float[indices.length * prompts.length];
        for (int r = 0; r < indices.length; r++) {
            out[r * prompts.length + classOf[indices[r]]] = 1f;
        }
        return out;
    }
}
