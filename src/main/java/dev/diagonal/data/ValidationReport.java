package dev.diagonal.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What loading a dataset found: how many rows there were, how many are usable, how many were skipped
 * for each {@link ProblemKind} (with a few examples each), and the class counts of the usable rows.
 * Shown before any run by the command line and the workbench; serialisable with Jackson.
 *
 * @param source the manifest file or image folder
 * @param totalRows rows (or image files, for an ImageFolder) seen, bad ones included; blank lines excluded
 * @param validRows rows that passed every check
 * @param problems skipped rows per kind, in {@link ProblemKind} order, only kinds that occurred
 * @param examples up to a configured number of examples per kind, ordered by kind then line
 * @param classCounts usable rows per class label, sorted by label; empty when there are no labels
 * @param notes other observations (ignored files, empty class folders, an empty manifest)
 */
@JsonIgnoreProperties(value = "usable", allowGetters = true)
public record ValidationReport(
        String source,
        int totalRows,
        int validRows,
        Map<ProblemKind, Integer> problems,
        List<Issue> examples,
        Map<String, Integer> classCounts,
        List<String> notes) {

    /** Class lists longer than this are cut short in {@link #summary()}. */
    private static final int SUMMARY_CLASSES = 20;

    /**
     * One bad row.
     *
     * @param kind what is wrong
     * @param file the file concerned: the image for image problems, else the manifest
     * @param line the manifest line (1-based), or 0 when there is none (ImageFolder)
     * @param detail a short explanation, e.g. {@code "file not found"}
     */
    public record Issue(ProblemKind kind, String file, int line, String detail) {}

    /** Freezes the components, putting problems in kind order and classes in label order. */
    public ValidationReport {
        Objects.requireNonNull(source, "source");
        Map<ProblemKind, Integer> counts = new EnumMap<>(ProblemKind.class);
        if (problems != null) {
            problems.forEach((kind, count) -> {
                if (count != null && count > 0) {
                    counts.put(kind, count);
                }
            });
        }
        problems = Collections.unmodifiableMap(counts);
        examples = examples == null ? List.of() : List.copyOf(examples);
        classCounts = classCounts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(classCounts));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** True when at least one row is usable, so a run may start. */
    public boolean isUsable() {
        return validRows > 0;
    }

    /** Rows that were skipped. */
    public int skippedRows() {
        return totalRows - validRows;
    }

    /** How many rows were skipped for one kind of problem. */
    public int count(ProblemKind kind) {
        return problems.getOrDefault(kind, 0);
    }

    /**
     * A human-readable, multi-line account, e.g.
     * <pre>
     * data.csv: 120 rows, 114 valid, 6 skipped
     *   missing image: 2
     *     line 12: images/cat.png: file not found
     *   duplicate row: 4
     *     …
     * classes (2): cat 60, dog 54
     * </pre>
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(source).append(": ").append(totalRows).append(totalRows == 1 ? " row, " : " rows, ")
                .append(validRows).append(" valid, ").append(skippedRows()).append(" skipped\n");
        for (Map.Entry<ProblemKind, Integer> entry : problems.entrySet()) {
            out.append("  ").append(entry.getKey().description()).append(": ").append(entry.getValue()).append('\n');
            for (Issue issue : examples) {
                if (issue.kind() == entry.getKey()) {
                    out.append("    ").append(describe(issue)).append('\n');
                }
            }
        }
        if (!classCounts.isEmpty()) {
            out.append("classes (").append(classCounts.size()).append("): ").append(classList()).append('\n');
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        if (!isUsable()) {
            out.append("nothing valid left to use\n");
        }
        return out.toString().stripTrailing();
    }

    private static String describe(Issue issue) {
        List<String> parts = new ArrayList<>();
        if (issue.line() > 0) {
            parts.add("line " + issue.line());
        }
        if (issue.kind() == ProblemKind.MISSING_IMAGE || issue.kind() == ProblemKind.UNREADABLE_IMAGE) {
            parts.add(issue.file());
        }
        if (!issue.detail().isEmpty()) {
            parts.add(issue.detail());
        }
        return String.join(": ", parts);
    }

    private String classList() {
        StringJoiner joiner = new StringJoiner(", ");
        int shown = 0;
        for (Map.Entry<String, Integer> entry : classCounts.entrySet()) {
            if (shown++ == SUMMARY_CLASSES) {
                joiner.add("… " + (classCounts.size() - SUMMARY_CLASSES) + " more");
                break;
            }
            joiner.add(entry.getKey() + " " + entry.getValue());
        }
        return joiner.toString();
    }
}
