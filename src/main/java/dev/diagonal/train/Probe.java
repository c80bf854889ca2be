package dev.diagonal.train;

import dev.diagonal.data.Sample;
import dev.diagonal.text.TokenBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fixed probe batch whose image × caption similarity matrix is saved at every evaluation: up to
 * {@code size} samples picked with the seed, of distinct labels when the data has labels (so the
 * diagonal is the only true match).
 *
 * @param pixelIndices the images' indices in the {@link PixelLoader}
 * @param tokens the captions, padded
 * @param rowLabels one label per image row (the class, or the file name)
 * @param colLabels the captions
 * @param imagePaths the image files
 */
record Probe(int[] pixelIndices, TokenBatch tokens, List<String> rowLabels, List<String> colLabels,
        List<String> imagePaths) {

    /** Picks the probe from {@code data}, whose sample {@code i} is image {@code offset + i} of the loader. */
    static Probe pick(TrainingData data, int offset, int size, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed ^ 0x70B3L));
        List<Integer> chosen = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i : order) {
            String label = data.samples().get(i).label();
            if (chosen.size() < size && (label == null || labels.add(label))) {
                chosen.add(i);
            }
        }
        Collections.sort(chosen);
        int[] local = chosen.stream().mapToInt(Integer::intValue).toArray();
        int[] global = chosen.stream().mapToInt(i -> i + offset).toArray();
        List<String> rows = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i : local) {
            Sample sample = data.samples().get(i);
            rows.add(sample.label() != null ? sample.label() : sample.image().getFileName().toString());
            cols.add(sample.caption());
            paths.add(sample.image().toString());
        }
        return new Probe(global, data.tokens(local), rows, cols, paths);
    }

    /** Images in the probe. */
    int size() {
        return pixelIndices.length;
    }
}
