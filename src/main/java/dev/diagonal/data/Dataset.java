package dev.diagonal.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A loaded, validated dataset: only usable samples are kept; what was skipped is in the report.
 *
 * @param name a display name (the folder name, or the manifest's file name without extension)
 * @param source the folder or manifest it was loaded from
 * @param samples the usable samples, in folder order (ImageFolder) or file order (manifests)
 * @param classes the class labels: the sorted distinct labels of the samples, or for an ImageFolder the
 *     sorted class folders holding image files (even if all of a folder's images turned out unusable)
 * @param report what validation found
 */
public record Dataset(String name, Path source, List<Sample> samples, List<String> classes, ValidationReport report) {

    /** Validates and freezes the components. */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(report, "report");
        samples = List.copyOf(samples);
        classes = List.copyOf(classes);
    }

    /** True when there are samples and every one has a label. */
    public boolean hasLabels() {
        return !samples.isEmpty() && samples.stream().allMatch(s -> s.label() != null);
    }

    /** True when there are samples and every one has a caption. */
    public boolean hasCaptions() {
        return !samples.isEmpty() && samples.stream().allMatch(s -> s.caption() != null);
    }

    /**
     * Each sample's class as an index into {@link #classes()}, in sample order (-1 for a sample
     * without a label): the truth vector that zero-shot scoring and probes take.
     */
    public int[] labelIndices() {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        return samples.stream().mapToInt(s -> s.label() == null ? -1 : index.getOrDefault(s.label(), -1)).toArray();
    }

    /** Samples per class, sorted by label; every entry of {@link #classes()} is present, possibly with 0. */
    public Map<String, Integer> classCounts() {
        return countClasses(samples, classes);
    }

    static Map<String, Integer> countClasses(List<Sample> samples, List<String> classes) {
        Map<String, Integer> counts = new TreeMap<>();
        classes.forEach(label -> counts.put(label, 0));
        for (Sample sample : samples) {
            if (sample.label() != null) {
                counts.merge(sample.label(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
