package dev.diagonal.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before a resumed run continues from the checkpoint of step N, the records it logged after N (which
 * it is about to redo) leave {@code metrics.jsonl}, so every step appears once. The kept lines are
 * copied byte for byte; a torn last line goes too. The file is replaced atomically.
 */
final class MetricsTrim {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private MetricsTrim() {}

    /**
     * Keeps the records whose {@code step} is at most {@code lastStep} (all records of step &gt; N
     * go; with {@code lastStep} −1, every record goes). Returns how many lines were dropped.
     */
    static int keepUpTo(Path file, long lastStep) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
            int dropped = 0;
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    if (keep(bytes, start, i, lastStep)) {
                        kept.write(bytes, start, i - start + 1);
                    } else {
                        dropped++;
                    }
                    start = i + 1;
                }
            }
            if (start < bytes.length) {
                dropped++; // a torn last line
            }
            if (dropped > 0) {
                byte[] out = kept.toByteArray();
                AtomicFiles.write(file, stream -> stream.write(out));
            }
            return dropped;
        } catch (IOException e) {
            throw new DiagonalException("cannot trim " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean keep(byte[] bytes, int from, int to, long lastStep) {
        String line = new String(bytes, from, to - from, StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode step = node.get("step");
            return node.isObject() && (step == null || step.asLong() <= lastStep);
        } catch (IOException e) {
            return false;
        }
    }
}
