package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seeded few-shot sampling: k images per class ({@code --shots K}). */
public final class FewShot {

    private static final long SALT = 0xf3_5407L;

    /**
     * A few-shot subset.
     *
     * @param samples the chosen samples, class by class in label order, each class in canonical order
     * @param shots the requested number per class
     * @param shortClasses classes that had fewer than {@code shots} samples (all of them were taken),
     *     label to available count, in label order
     */
    public record Result(List<Sample> samples, int shots, Map<String, Integer> shortClasses) {

        /** Freezes the components. */
        public Result {
            samples = List.copyOf(samples);
            shortClasses = Collections.unmodifiableMap(new LinkedHashMap<>(shortClasses));
        }

        /** One line, e.g. {@code "16 shots: 160 samples; 2 classes have fewer: cat 3, dog 9"}. */
        public String summary() {
            String head = shots + (shots == 1 ? " shot: " : " shots: ") + samples.size() + " samples";
            if (shortClasses.isEmpty()) {
                return head;
            }
            List<String> listed = new ArrayList<>();
            shortClasses.forEach((label, count) -> listed.add(label + " " + count));
            return head + "; " + shortClasses.size() + (shortClasses.size() == 1 ? " class has" : " classes have")
                    + " fewer: " + String.join(", ", listed);
        }
    }

    private FewShot() {}

    /**
     * Picks {@code k} samples of each class at random (all of a class with fewer, noted in the result).
     * The choice depends only on the samples' content and the seed; for one seed, the pick for a
     * smaller {@code k} is a subset of the pick for a larger one.
     *
     * @throws DiagonalException when {@code k < 1} or some sample has no label
     */
    public static Result sample(List<Sample> samples, int k, long seed) {
        if (k < 1) {
            throw new DiagonalException("shots must be at least 1, got " + k);
        }
        long unlabelled = samples.stream().filter(s -> s.label() == null).count();
        if (unlabelled > 0) {
            throw new DiagonalException("few-shot sampling needs a label on every sample; " + unlabelled + " have none");
        }
        List<Sample> chosen = new ArrayList<>();
        Map<String, Integer> shortClasses = new LinkedHashMap<>();
        SampleOrder.byLabel(samples).forEach((label, group) -> {
            if (group.size() < k) {
                shortClasses.put(label, group.size());
            }
            List<Sample> picked = new ArrayList<>(
                    SampleOrder.shuffled(group, seed, label, SALT).subList(0, Math.min(k, group.size())));
            picked.sort(SampleOrder.CANONICAL);
            chosen.addAll(picked);
        });
        return new Result(chosen, k, shortClasses);
    }
}
