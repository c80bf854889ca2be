package dev.diagonal.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The one writer of a run's {@code metrics.jsonl}: appends {@link RunEvent}s, one JSON object per line (their
 * shape is {@link RunEvents}'; step losses under the key {@value #LOSS}).
 *
 * <p>Crash safety: opening cuts off a torn end left by an earlier crash (see {@link #repairedBytes()});
 * each line is handed to the operating system in a single write, so a killed process leaves either the
 * whole line or none of it; lines are forced to disk every line or at most every {@code forceInterval}
 * (a power cut may then lose the last lines of that interval, never tear the file: the next open repairs
 * it). Read the file with {@link MetricsReader}. Thread-safe.
 */
public final class MetricsLog implements AutoCloseable {

    /** The key step losses are logged under. */
    public static final String LOSS = RunEvents.LOSS;

    private final Path file;
    private final FileChannel channel;
    private final long forceIntervalNanos;
    private final long repairedBytes;
    private long lastForce = System.nanoTime();
    private boolean dirty;

    private MetricsLog(Path file, FileChannel channel, Duration forceInterval, long repairedBytes) {
        this.file = file;
        this.channel = channel;
        this.forceIntervalNanos = forceInterval.toNanos();
        this.repairedBytes = repairedBytes;
    }

    /** Opens (creating if needed) for appending, forcing every line to disk. */
    public static MetricsLog open(Path file) {
        return open(file, Duration.ZERO);
    }

    /**
     * Opens (creating if needed) for appending, after repairing a torn end.
     *
     * @param forceInterval {@link Duration#ZERO} forces every line to disk; a longer interval forces at
     *     most that often (checked at each append) and on {@link #close()}
     */
    public static MetricsLog open(Path file, Duration forceInterval) {
        Objects.requireNonNull(forceInterval, "forceInterval");
        if (forceInterval.isNegative()) {
            throw new IllegalArgumentException("forceInterval is negative: " + forceInterval);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            long repaired = JsonlRepair.repair(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new MetricsLog(file, channel, forceInterval, repaired);
        } catch (IOException e) {
            throw new DiagonalException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one event as one line (not a {@link SimilaritySnapshot}: those have their own files). */
    public void append(RunEvent event) {
        append(RunEvents.toRecord(Objects.requireNonNull(event, "event")));
    }

    /**
     * Appends one raw record as one line (for the tests of this package: everything else writes {@link RunEvent}s).
     * Values may be numbers (NaN and infinities included), strings, booleans, lists and maps.
     */
    synchronized void append(Map<String, ?> record) {
        Objects.requireNonNull(record, "record");
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new DiagonalException("cannot log metrics to " + file + ": " + Json.describe(e), e);
        }
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            dirty = true;
            long now = System.nanoTime();
            if (forceIntervalNanos == 0 || now - lastForce >= forceIntervalNanos) {
                forceNow(now);
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces appended lines to disk now. */
    public synchronized void force() {
        try {
            forceNow(System.nanoTime());
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many bytes of a torn end were cut off when this log was opened (0 for a clean file). */
    public long repairedBytes() {
        return repairedBytes;
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Forces what is left to disk and closes the file. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try (channel) {
            forceNow(System.nanoTime());
        } catch (IOException e) {
            throw new DiagonalException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private void forceNow(long now) throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
        lastForce = now;
    }
}
