package dev.diagonal.project;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of {@code metrics.jsonl} (Jackson): reads it without changing it, also while a trainer is
 * appending: a last line that is incomplete (no newline yet, or torn by a crash) is left out. Numbers come back as
 * {@link Integer}, {@link Long} or {@link Double} (NaN included); keys keep their order. Outside this package, read
 * the file as {@link RunEvent}s ({@link #readEvents}, {@link Chunk#events()}); the raw records are for this package
 * and tests.
 */
public final class MetricsReader {

    private static final TypeReference<LinkedHashMap<String, Object>> RECORD = new TypeReference<>() {};

    /**
     * Records read from an offset on, and where the next read should start.
     *
     * @param records    the complete records after the offset
     * @param nextOffset byte offset just after the last record returned
     */
    public record Chunk(List<Map<String, Object>> records, long nextOffset) {

        /** The records as events, in file order. */
        public List<RunEvent> events() {
            return records.stream().map(RunEvents::fromRecord).toList();
        }
    }

    private MetricsReader() {}

    /** Every complete record of the file; an empty list for a missing file. */
    public static List<Map<String, Object>> readAll(Path file) {
        return readFrom(file, 0).records();
    }

    /** Every complete line of the file as an event; an empty list for a missing file. */
    public static List<RunEvent> readEvents(Path file) {
        return readFrom(file, 0).events();
    }

    /** The event on one line (without its newline), or null when the line is not one JSON object. */
    static RunEvent parseLine(byte[] line) {
        Map<String, Object> record = tryParse(line);
        return record == null ? null : RunEvents.fromRecord(record);
    }

    /**
     * The complete records from byte {@code offset} on; for following a live run, pass the previous
     * {@link Chunk#nextOffset()}. A missing file gives no records.
     *
     * @throws DiagonalException if a line that is followed by others is not a JSON object (naming the
     *     file and the line's byte offset)
     */
    public static Chunk readFrom(Path file, long offset) {
        byte[] bytes;
        try {
            bytes = readTail(file, offset);
        } catch (NoSuchFileException e) {
            return new Chunk(List.of(), offset);
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Map<String, Object>> records = new ArrayList<>();
        int start = 0;
        long consumed = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            byte[] line = Arrays.copyOfRange(bytes, start, i);
            if (!isBlank(line)) {
                Map<String, Object> record = tryParse(line);
                if (record == null) {
                    if (hasMoreLines(bytes, i + 1)) {
                        throw new DiagonalException(file + ": line at byte " + (offset + start)
                                + " is not a JSON object");
                    }
                    break;
                }
                records.add(record);
            }
            start = i + 1;
            consumed = start;
        }
        return new Chunk(records, offset + consumed);
    }

    private static boolean hasMoreLines(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The record on a line, or null if the line is not one JSON object. */
    static Map<String, Object> tryParse(byte[] line) {
        try {
            return Json.MAPPER.readValue(line, RECORD);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] readTail(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset >= size) {
                return new byte[0];
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // keep reading until the size seen at open is filled
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
