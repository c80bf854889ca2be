package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The order of training samples, epoch by epoch, as full batches. In {@link Batches#FILL} mode (and for
 * data without any label) the samples are shuffled and cut into batches of the requested size; the loss
 * then knows which pairs share a label ({@link PositivePairs}). In {@link Batches#ONE_PER_CLASS} mode
 * with labels, batches are class-balanced: no two samples of one label share a batch, so the diagonal
 * targets of the plain contrastive loss are true (the trainer passes as "label" what must not repeat: a
 * sample's own caption, or its class when the caption is made from a template); each batch takes one
 * sample from each of the classes with the most samples left (ties broken at random), which leaves the
 * fewest samples over, and the batches are then shuffled; the batch is capped at the number of classes.
 * Unlabelled samples count as classes of their own. Samples that do not fill a last batch are left out
 * of that epoch.
 *
 * <p>The order of epoch {@code e} depends only on the labels, the batch size, the seed and {@code e},
 * so a resumed run sees the same batches as an uninterrupted one.
 */
public final class ClassBalancedSampler {

    private final List<String> labels;
    private final boolean classBalanced;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;

    /**
     * @param labels one label per sample (null for an unlabelled sample)
     * @param requestedBatchSize the wanted batch size; it is capped to the number of samples (and, one
     *     per class, of classes)
     * @param mode whether labelled batches fill up or take one sample per class
     * @throws DiagonalException when fewer than 2 classes (or samples) make a batch
     */
    public ClassBalancedSampler(List<String> labels, int requestedBatchSize, long seed, Batches mode) {
        this.labels = List.copyOf(labels.stream().map(l -> l == null ? "" : l).toList());
        this.classBalanced = mode == Batches.ONE_PER_CLASS && labels.stream().anyMatch(l -> l != null);
        this.seed = seed;
        int groups = classBalanced ? groups(labels) : labels.size();
        this.batchSize = Math.min(requestedBatchSize, groups);
        if (batchSize < 2) {
            throw new DiagonalException("contrastive training needs batches of at least 2 "
                    + (classBalanced ? "classes; the training data has " + groups + " class" + (groups == 1 ? "" : "es")
                            : "images; the training data has " + labels.size()));
        }
        this.batchesPerEpoch = epoch(0).length;
    }

    /** Class-balanced batches (as before fill batches existed) of {@code labels}. */
    public ClassBalancedSampler(List<String> labels, int requestedBatchSize, long seed) {
        this(labels, requestedBatchSize, seed, Batches.ONE_PER_CLASS);
    }

    /** The batch size used: the requested one capped to the number of samples (one per class: of classes). */
    public int batchSize() {
        return batchSize;
    }

    /** Whether batches are class-balanced (one per class, and some sample has a label). */
    public boolean balanced() {
        return classBalanced;
    }

    /** Full batches per epoch (the same for every epoch). */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The batches of epoch {@code epoch} (0-based), each an array of sample indices. */
    public int[][] epoch(int epoch) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL * (epoch + 1L));
        return classBalanced ? balancedEpoch(random) : shuffledEpoch(random);
    }

    private int[][] shuffledEpoch(Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int[][] batches = new int[order.size() / batchSize][batchSize];
        for (int b = 0; b < batches.length; b++) {
            for (int i = 0; i < batchSize; i++) {
                batches[b][i] = order.get(b * batchSize + i);
            }
        }
        return batches;
    }

    private int[][] balancedEpoch(Random random) {
        Map<String, List<Integer>> byClass = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String key = labels.get(i).isEmpty() ? "\0" + i : labels.get(i);
            byClass.computeIfAbsent(key, k -> {
                keys.add(k);
                return new ArrayList<>();
            }).add(i);
        }
        keys.sort(Comparator.naturalOrder());
        List<ArrayDeque<Integer>> pools = new ArrayList<>();
        long[] tieBreak = new long[keys.size()];
        for (int c = 0; c < keys.size(); c++) {
            List<Integer> members = byClass.get(keys.get(c));
            Collections.shuffle(members, random);
            pools.add(new ArrayDeque<>(members));
            tieBreak[c] = random.nextLong();
        }
        PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator
                .comparingInt((Integer c) -> -pools.get(c).size())
                .thenComparingLong(c -> tieBreak[c]));
        for (int c = 0; c < pools.size(); c++) {
            queue.add(c);
        }
        List<int[]> batches = new ArrayList<>();
        while (queue.size() >= batchSize) {
            List<Integer> picked = new ArrayList<>(batchSize);
            List<Integer> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                int c = queue.poll();
                picked.add(c);
                batch.add(pools.get(c).poll());
            }
            for (int c : picked) {
                if (!pools.get(c).isEmpty()) {
                    queue.add(c);
                }
            }
            Collections.shuffle(batch, random);
            batches.add(batch.stream().mapToInt(Integer::intValue).toArray());
        }
        Collections.shuffle(batches, random);
        return batches.toArray(new int[0][]);
    }

    private static int groups(List<String> labels) {
        Map<String, Boolean> seen = new HashMap<>();
        int unlabelled = 0;
        for (String label : labels) {
            if (label == null) {
                unlabelled++;
            } else {
                seen.put(label, true);
            }
        }
        return seen.size() + unlabelled;
    }
}
