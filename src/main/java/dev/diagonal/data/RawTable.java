package dev.diagonal.data;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest read into rows of text before any validation.
 *
 * @param columns the column names (CSV header, or JSONL keys in order of first appearance)
 * @param rows the data rows in file order; rows that could not be parsed carry a problem instead of values
 */
record RawTable(List<String> columns, List<Row> rows) {

    /**
     * One data row.
     *
     * @param line the 1-based line the row starts on
     * @param values column name to text; {@code null} when {@code problem} is set
     * @param nested the columns whose value is a nested structure (JSON array or object) kept as JSON text
     * @param problem why the row could not be read, or {@code null}
     * @param detail the reason, or {@code null}
     */
    record Row(int line, Map<String, String> values, Set<String> nested, ProblemKind problem, String detail) {
        static Row of(int line, Map<String, String> values) {
            return new Row(line, values, Set.of(), null, null);
        }

        static Row bad(int line, ProblemKind problem, String detail) {
            return new Row(line, null, Set.of(), problem, detail);
        }
    }
}
