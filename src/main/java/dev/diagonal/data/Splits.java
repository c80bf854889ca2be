package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Seeded train/validation splits. */
public final class Splits {

    private static final long SALT = 0x5b11_75L;

    /**
     * A train/validation split.
     *
     * @param train the training samples, in canonical order (image path, caption, label)
     * @param val the validation samples, in canonical order
     */
    public record Split(List<Sample> train, List<Sample> val) {

        /** Freezes the lists. */
        public Split {
            train = List.copyOf(train);
            val = List.copyOf(val);
        }
    }

    private Splits() {}

    /**
     * Splits samples into train and validation sets. When samples have labels the split is stratified:
     * each class (and the group of unlabelled samples, if any) gives about {@code valFraction} of its
     * samples to validation, the total being {@code round(n * valFraction)} shared out by largest
     * remainder, and every group keeps at least one training sample. The result depends only on the
     * samples' content and the seed, not on the input order.
     *
     * @param valFraction the share for validation, in [0, 1)
     * @throws DiagonalException when {@code valFraction} is outside [0, 1)
     */
    public static Split split(List<Sample> samples, double valFraction, long seed) {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new DiagonalException("validation fraction must be in [0, 1), got " + valFraction);
        }
        Map<String, List<Sample>> groups = SampleOrder.byLabel(samples);
        List<List<Sample>> members = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        groups.forEach((label, group) -> {
            labels.add(label);
            members.add(group);
        });
        int[] valCounts = allocate(members, valFraction, (int) Math.round(samples.size() * valFraction));
        List<Sample> train = new ArrayList<>();
        List<Sample> val = new ArrayList<>();
        for (int g = 0; g < members.size(); g++) {
            List<Sample> order = SampleOrder.shuffled(members.get(g), seed, labels.get(g), SALT);
            val.addAll(order.subList(0, valCounts[g]));
            train.addAll(order.subList(valCounts[g], order.size()));
        }
        train.sort(SampleOrder.CANONICAL);
        val.sort(SampleOrder.CANONICAL);
        return new Split(train, val);
    }

    /** Largest-remainder allocation of {@code total} validation slots, keeping one training sample per group. */
    private static int[] allocate(List<List<Sample>> groups, double fraction, int total) {
        int[] counts = new int[groups.size()];
        double[] remainders = new double[groups.size()];
        int given = 0;
        for (int g = 0; g < groups.size(); g++) {
            double share = groups.get(g).size() * fraction;
            counts[g] = Math.min((int) Math.floor(share + 1e-9), groups.get(g).size() - 1);
            remainders[g] = share - counts[g];
            given += counts[g];
        }
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            order.add(g);
        }
        order.sort(Comparator.comparingDouble((Integer g) -> -remainders[g]).thenComparingInt(g -> g));
        boolean progress = true;
        while (given < total && progress) {
            progress = false;
            for (int g : order) {
                if (given < total && counts[g] < groups.get(g).size() - 1) {
                    counts[g]++;
                    given++;
                    progress = true;
                }
            }
        }
        return counts;
    }
}
