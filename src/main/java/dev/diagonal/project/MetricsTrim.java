package dev.diagonal.project;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Before a resumed run continues from the checkpoint of step N, the records it logged after N (which
 * it is about to redo) leave {@code metrics.jsonl}, so every step appears once. The kept lines are
 * copied byte for byte; a torn last line goes too. The file is replaced atomically. Lines are read by
 * {@link MetricsReader}, like everywhere else.
 */
final class MetricsTrim {

    private MetricsTrim() {}

    /**
     * Keeps the records whose step is at most {@code lastStep} (all records of step &gt; N
     * go; with {@code lastStep} −1, every record that names a step goes). Returns how many lines were dropped.
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
                    RunEvent event = MetricsReader.parseLine(Arrays.copyOfRange(bytes, start, i));
                    if (event != null && (!event.hasStep() || event.step() <= lastStep)) {
                        kept.write(bytes, start, i - start + 1);
                    } else {
                        dropped++; // blank, not a JSON object, or after the checkpoint
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
}
