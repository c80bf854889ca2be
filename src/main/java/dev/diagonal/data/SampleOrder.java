package dev.diagonal.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Order-independent grouping and seeded shuffling shared by {@link Splits} and {@link FewShot}. */
final class SampleOrder {

    /** A total order on samples that depends only on their content. */
    static final Comparator<Sample> CANONICAL = Comparator
            .comparing((Sample s) -> s.image().toString())
            .thenComparing(Sample::caption, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Sample::label, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(s -> s.extra().toString());

    private SampleOrder() {}

    /**
     * Groups samples by label, sorted by label, unlabelled samples first under the {@code null} key;
     * each group is in canonical order.
     */
    static Map<String, List<Sample>> byLabel(List<Sample> samples) {
        Map<String, List<Sample>> groups = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Sample sample : samples) {
            groups.computeIfAbsent(sample.label(), k -> new ArrayList<>()).add(sample);
        }
        groups.values().forEach(group -> group.sort(CANONICAL));
        return groups;
    }

    /**
     * A Fisher–Yates shuffle with {@link Random} seeded from {@code seed} and the group's label, so
     * each group's order does not change when other groups are added or removed.
     */
    static List<Sample> shuffled(List<Sample> group, long seed, String label, long salt) {
        long mixed = seed * 0x9E3779B97F4A7C15L + salt;
        Random random = new Random(mixed ^ (label == null ? 0 : label.hashCode() * 0xC2B2AE3D27D4EB4FL));
        List<Sample> out = new ArrayList<>(group);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Sample swap = out.get(i);
            out.set(i, out.get(j));
            out.set(j, swap);
        }
        return out;
    }
}
