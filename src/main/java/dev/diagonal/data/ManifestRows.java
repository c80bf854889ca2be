package dev.diagonal.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns manifest rows into {@link Candidate}s: resolves image paths against the manifest's folder and
 * skips (and reports) unparsable rows, empty image fields, empty captions, missing labels and duplicates.
 */
final class ManifestRows {

    private ManifestRows() {}

    static List<Candidate> candidates(RawTable table, ColumnMapping.Resolved columns, Path manifest,
            ReportBuilder report) {
        Path base = manifest.toAbsolutePath().getParent();
        String file = manifest.toString();
        Map<String, Integer> firstLineOf = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (RawTable.Row row : table.rows()) {
            if (row.problem() != null) {
                report.add(row.problem(), file, row.line(), row.detail());
                continue;
            }
            String nested = nestedRoleColumn(row, columns);
            if (nested != null) {
                report.add(ProblemKind.BAD_LINE, file, row.line(), "'" + nested + "' is not plain text");
                continue;
            }
            String image = value(row, columns.image());
            String caption = columns.caption() == null ? null : value(row, columns.caption());
            String label = columns.label() == null ? null : value(row, columns.label());
            if (image.isEmpty()) {
                report.add(ProblemKind.MISSING_IMAGE, file, row.line(), "empty '" + columns.image() + "'");
                continue;
            }
            if (caption != null && caption.isEmpty()) {
                report.add(ProblemKind.EMPTY_CAPTION, file, row.line(), "empty '" + columns.caption() + "'");
                continue;
            }
            if (label != null && label.isEmpty()) {
                report.add(ProblemKind.MISSING_LABEL, file, row.line(), "empty '" + columns.label() + "'");
                continue;
            }
            Path path;
            try {
                path = base.resolve(image).normalize();
            } catch (InvalidPathException e) {
                report.add(ProblemKind.BAD_LINE, file, row.line(), "invalid image path: " + e.getReason());
                continue;
            }
            String key = path + "\u0000" + caption + "\u0000" + label;
            Integer first = firstLineOf.putIfAbsent(key, row.line());
            if (first != null) {
                report.add(ProblemKind.DUPLICATE_ROW, file, row.line(), "same as line " + first);
                continue;
            }
            candidates.add(new Candidate(row.line(), new Sample(path, caption, label, extra(row, columns))));
        }
        return candidates;
    }

    private static String nestedRoleColumn(RawTable.Row row, ColumnMapping.Resolved columns) {
        for (String column : new String[] {columns.image(), columns.caption(), columns.label()}) {
            if (column != null && row.nested().contains(column)) {
                return column;
            }
        }
        return null;
    }

    private static String value(RawTable.Row row, String column) {
        String value = row.values().get(column);
        return value == null ? "" : value.strip();
    }

    private static Map<String, String> extra(RawTable.Row row, ColumnMapping.Resolved columns) {
        Map<String, String> extra = new LinkedHashMap<>(row.values());
        extra.remove(columns.image());
        if (columns.caption() != null) {
            extra.remove(columns.caption());
        }
        if (columns.label() != null) {
            extra.remove(columns.label());
        }
        return extra;
    }
}
