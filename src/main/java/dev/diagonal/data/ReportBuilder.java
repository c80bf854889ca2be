package dev.diagonal.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects problems while a dataset is read, keeping a bounded number of examples per kind. */
final class ReportBuilder {

    private final int maxExamples;
    private final Map<ProblemKind, Integer> counts = new EnumMap<>(ProblemKind.class);
    private final List<ValidationReport.Issue> examples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ReportBuilder(int maxExamples) {
        this.maxExamples = maxExamples;
    }

    void add(ProblemKind kind, String file, int line, String detail) {
        int seen = counts.merge(kind, 1, Integer::sum);
        if (seen <= maxExamples) {
            examples.add(new ValidationReport.Issue(kind, file, line, detail == null ? "" : detail));
        }
    }

    void note(String note) {
        notes.add(note);
    }

    ValidationReport build(String source, int totalRows, int validRows, Map<String, Integer> classCounts) {
        List<ValidationReport.Issue> ordered = new ArrayList<>(examples);
        ordered.sort(Comparator.comparing(ValidationReport.Issue::kind)
                .thenComparingInt(ValidationReport.Issue::line)
                .thenComparing(ValidationReport.Issue::file));
        return new ValidationReport(source, totalRows, validRows, counts, ordered, classCounts, notes);
    }
}
