package dev.diagonal.project;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cuts a torn end off a JSON-lines file so that it is valid again: bytes after the last newline (a
 * line whose write never finished, or zeros left by a power cut) and complete last lines that are not a
 * JSON object are truncated away. Lines before the first good line from the end are never touched.
 */
final class JsonlRepair {

    private static final int CHUNK = 8192;

    private JsonlRepair() {}

    /**
     * Repairs {@code file} in place (a missing file is fine) and returns how many bytes were dropped.
     */
    static long repair(Path file) {
        if (!java.nio.file.Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = validEnd(channel, size);
            if (end < size) {
                channel.truncate(end);
                channel.force(true);
            }
            return size - end;
        } catch (IOException e) {
            throw new DiagonalException("cannot repair " + file + ": " + e.getMessage(), e);
        }
    }

    /** The length of the longest prefix that ends with a newline after a valid line (or is empty). */
    private static long validEnd(FileChannel channel, long size) throws IOException {
        long end = size;
        while (end > 0) {
            long lastNewline = lastNewlineBefore(channel, end);
            if (lastNewline + 1 < end) {
                end = lastNewline + 1;
                continue;
            }
            long previousNewline = lastNewlineBefore(channel, lastNewline);
            byte[] line = read(channel, previousNewline + 1, lastNewline);
            if (isValidLine(line)) {
                return end;
            }
            end = previousNewline + 1;
        }
        return 0;
    }

    /** Whether a line (without its newline) is blank or one JSON object. */
    static boolean isValidLine(byte[] line) {
        if (new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return true;
        }
        return MetricsReader.tryParse(line) != null;
    }

    /** Position of the last {@code '\n'} strictly before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel channel, long end) throws IOException {
        long chunkEnd = end;
        while (chunkEnd > 0) {
            long chunkStart = Math.max(0, chunkEnd - CHUNK);
            byte[] bytes = read(channel, chunkStart, chunkEnd);
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return chunkStart + i;
                }
            }
            chunkEnd = chunkStart;
        }
        return -1;
    }

    private static byte[] read(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.array();
    }
}
