package dev.diagonal.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON Lines manifest: one object per line such as {@code {"image": "a.png", "text": "…", "label": "cat"}}.
 * Scalars become text; nested values are kept as JSON text and marked, so that validation rejects them
 * as image, caption or label. JSON {@code null} counts as absent.
 */
final class JsonlManifestReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlManifestReader() {}

    static RawTable read(Path file) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        List<RawTable.Row> rows = new ArrayList<>();
        try (Utf8Lines lines = Utf8Lines.open(file)) {
            for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                if (!line.ok()) {
                    rows.add(RawTable.Row.bad(line.number(), ProblemKind.BAD_ENCODING, line.error()));
                    continue;
                }
                RawTable.Row row = parse(line);
                if (row.values() != null) {
                    columns.addAll(row.values().keySet());
                }
                rows.add(row);
            }
        }
        return new RawTable(List.copyOf(columns), rows);
    }

    private static RawTable.Row parse(Utf8Lines.Line line) {
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            return RawTable.Row.bad(line.number(), ProblemKind.BAD_LINE, "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return RawTable.Row.bad(line.number(), ProblemKind.BAD_LINE, "not a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> nested = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            values.put(field.getKey(), value.isContainerNode() ? value.toString() : value.asText());
            if (value.isContainerNode()) {
                nested.add(field.getKey());
            }
        }
        if (values.isEmpty()) {
            return RawTable.Row.bad(line.number(), ProblemKind.BAD_LINE, "empty JSON object");
        }
        return new RawTable.Row(line.number(), values, nested, null, null);
    }
}
