package dev.diagonal.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 parser: fields separated by one delimiter character, optionally enclosed in double
 * quotes; inside quotes the delimiter and line breaks are literal and {@code ""} is one quote. Spaces
 * before an opening quote are dropped; a quote inside an unquoted field is kept as a character.
 * Records are read from {@link Utf8Lines}, so a record may span several physical lines.
 */
final class CsvParser {

    /**
     * One record, or the reason it could not be read.
     *
     * @param line the line the record starts on
     * @param fields the field values, or {@code null} when {@code problem} is set
     * @param problem {@link ProblemKind#BAD_ENCODING} or {@link ProblemKind#BAD_LINE}, or {@code null}
     * @param detail why the record is bad, or {@code null}
     */
    record Record(int line, List<String> fields, ProblemKind problem, String detail) {
        static Record bad(int line, ProblemKind problem, String detail) {
            return new Record(line, null, problem, detail);
        }

        boolean ok() {
            return problem == null;
        }
    }

    private final Utf8Lines lines;
    private final char delimiter;

    CsvParser(Utf8Lines lines, char delimiter) {
        this.lines = lines;
        this.delimiter = delimiter;
    }

    /** The next record, skipping blank lines, or {@code null} at the end of the input. */
    Record next() throws IOException {
        Utf8Lines.Line first = lines.next();
        while (first != null && first.isBlank()) {
            first = lines.next();
        }
        return first == null ? null : parse(first);
    }

    /** Parses the record that starts on {@code first}, reading more lines if a quoted field spans them. */
    Record parse(Utf8Lines.Line first) throws IOException {
        if (!first.ok()) {
            return Record.bad(first.number(), ProblemKind.BAD_ENCODING, first.error());
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String text = first.text();
        int i = 0;
        boolean inQuotes = false;
        boolean atFieldStart = true;
        while (true) {
            if (i == text.length()) {
                if (!inQuotes) {
                    fields.add(field.toString());
                    return new Record(first.number(), fields, null, null);
                }
                Utf8Lines.Line more = lines.next();
                if (more == null) {
                    return Record.bad(first.number(), ProblemKind.BAD_LINE,
                            "quoted field opened on line " + first.number() + " is never closed");
                }
                if (!more.ok()) {
                    return Record.bad(more.number(), ProblemKind.BAD_ENCODING, more.error());
                }
                field.append('\n');
                text = more.text();
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c == '"' && atFieldStart) {
                field.setLength(0);
                inQuotes = true;
                atFieldStart = false;
            } else {
                field.append(c);
                atFieldStart = atFieldStart && c == ' ';
            }
        }
    }

    /**
     * Picks the delimiter of a header line: whichever of comma, tab, semicolon and pipe occurs most
     * often outside quotes (ties in that order); {@code fallback} when none occurs.
     */
    static char sniffDelimiter(String header, char fallback) {
        char[] candidates = {',', '\t', ';', '|'};
        int[] counts = new int[candidates.length];
        boolean inQuotes = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = -1;
        for (int k = 0; k < candidates.length; k++) {
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
                best = k;
            }
        }
        return best < 0 ? fallback : candidates[best];
    }
}
