package dev.diagonal.app.dataset;

import dev.diagonal.DiagonalException;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.FewShot;
import dev.diagonal.data.Sample;
import dev.diagonal.data.Splits;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A dataset's split and few-shot pick for one setting, and the samples a filter and a search text leave.
 *
 * @param dataset        the loaded dataset
 * @param split          the train/validation split, null when the settings are invalid
 * @param fewShot        the few-shot pick, null without labels
 * @param splitSummary   one line about the split (or why there is none)
 * @param fewShotSummary one line about the pick (or why there is none)
 */
public record SampleSelection(Dataset dataset, Splits.Split split, FewShot.Result fewShot, String splitSummary,
        String fewShotSummary) {

    /** Splits with {@code valFraction} and {@code seed}; picks {@code shots} per class with the same seed. */
    public static SampleSelection of(Dataset dataset, double valFraction, long seed, int shots) {
        Splits.Split split = null;
        String splitSummary;
        try {
            split = Splits.split(dataset.samples(), valFraction, seed);
            splitSummary = String.format(Locale.ROOT, "%,d train, %,d validation (%.0f %%, seed %d)",
                    split.train().size(), split.val().size(), valFraction * 100, seed);
        } catch (DiagonalException e) {
            splitSummary = e.getMessage();
        }
        FewShot.Result pick = null;
        String pickSummary;
        if (dataset.hasLabels()) {
            pick = FewShot.sample(dataset.samples(), Math.max(1, shots), seed);
            pickSummary = pickSummary(pick);
        } else {
            pickSummary = "Few-shot picks need a label on every sample.";
        }
        return new SampleSelection(dataset, split, pick, splitSummary, pickSummary);
    }

    /** Like {@link FewShot.Result#summary()}, naming at most a few of the short classes. */
    static String pickSummary(FewShot.Result pick) {
        int named = 4;
        if (pick.shortClasses().size() <= named) {
            return pick.summary();
        }
        String some = pick.shortClasses().entrySet().stream().limit(named)
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d %s: %,d samples; %d classes have fewer (all taken): %s, …",
                pick.shots(), pick.shots() == 1 ? "shot" : "shots", pick.samples().size(), pick.shortClasses().size(), some);
    }

    /** The samples of {@code filter} whose label, caption or file name contains {@code search} (any case). */
    public List<Sample> samples(SampleFilter filter, String search) {
        List<Sample> base = switch (filter) {
            case ALL -> dataset.samples();
            case TRAIN -> split == null ? List.of() : split.train();
            case VAL -> split == null ? List.of() : split.val();
            case FEW_SHOT -> fewShot == null ? List.of() : fewShot.samples();
        };
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return base;
        }
        Predicate<Sample> matches = s -> contains(s.label(), needle) || contains(s.caption(), needle)
                || contains(s.image().getFileName().toString(), needle);
        return base.stream().filter(matches).toList();
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
