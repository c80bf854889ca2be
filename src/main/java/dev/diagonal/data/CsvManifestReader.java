package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a CSV/TSV manifest with a header line; the delimiter is sniffed from the header. */
final class CsvManifestReader {

    private CsvManifestReader() {}

    static RawTable read(Path file) throws IOException {
        try (Utf8Lines lines = Utf8Lines.open(file)) {
            Utf8Lines.Line header = lines.next();
            while (header != null && header.isBlank()) {
                header = lines.next();
            }
            if (header == null) {
                return new RawTable(List.of(), List.of());
            }
            if (!header.ok()) {
                throw new DiagonalException(file + " line " + header.number() + ": header is " + header.error()
                        + "; save the manifest as UTF-8");
            }
            char fallback = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
            CsvParser parser = new CsvParser(lines, CsvParser.sniffDelimiter(header.text(), fallback));
            CsvParser.Record head = parser.parse(header);
            if (!head.ok()) {
                throw new DiagonalException(file + " line " + head.line() + ": bad header: " + head.detail());
            }
            List<String> columns = uniqueNames(head.fields());
            List<RawTable.Row> rows = new ArrayList<>();
            for (CsvParser.Record record = parser.next(); record != null; record = parser.next()) {
                rows.add(toRow(record, columns));
            }
            return new RawTable(columns, rows);
        }
    }

    private static RawTable.Row toRow(CsvParser.Record record, List<String> columns) {
        if (!record.ok()) {
            return RawTable.Row.bad(record.line(), record.problem(), record.detail());
        }
        List<String> fields = record.fields();
        if (fields.size() != columns.size()) {
            return RawTable.Row.bad(record.line(), ProblemKind.BAD_LINE,
                    fields.size() + " fields where the header has " + columns.size());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), fields.get(i));
        }
        return RawTable.Row.of(record.line(), values);
    }

    /** Trims header names and makes repeated ones unique ({@code name}, {@code name_2}, …). */
    private static List<String> uniqueNames(List<String> fields) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String base = fields.get(i).trim();
            if (base.isEmpty()) {
                base = "column" + (i + 1);
            }
            String name = base;
            for (int n = 2; !seen.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return names;
    }
}
