package dev.diagonal.project;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The operating-system lock on a run's {@code run.lock} that marks the run as live: the process that
 * trains holds it, and it vanishes with the process, however that dies (kill -9 included). The file
 * itself stays, empty.
 *
 * <p>On Linux, closing any channel to a file drops every lock the process holds on it; so this class
 * remembers which lock files this process holds and never opens those for probing, and all opening and
 * closing is serialised.
 */
public final class RunLock implements AutoCloseable {

    /** What a probe of a lock file found. */
    public enum State {
        /** Some process (possibly this one) holds the lock: the run is live. */
        HELD,
        /** Nobody holds it (or there is no lock file). */
        FREE,
        /** The file system does not support locks; fall back on the pid. */
        UNKNOWN
    }

    private static final Object MUTEX = new Object();
    private static final Set<Path> HELD_HERE = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the file if needed.
     *
     * @throws DiagonalException if another process or another part of this one holds it
     */
    public static RunLock acquire(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        synchronized (MUTEX) {
            if (HELD_HERE.contains(file)) {
                throw new DiagonalException("run " + file.getParent().getFileName() + " is already in use");
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw new DiagonalException("run " + file.getParent().getFileName()
                            + " is in use by another process");
                }
                HELD_HERE.add(file);
                return new RunLock(file, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new DiagonalException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether someone holds the lock on {@code lockFile}, without taking it. */
    public static State probe(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        synchronized (MUTEX) {
            if (HELD_HERE.contains(file)) {
                return State.HELD;
            }
            if (!Files.isRegularFile(file)) {
                return State.FREE;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
                if (lock == null) {
                    return State.HELD;
                }
                lock.release();
                return State.FREE;
            } catch (IOException | UnsupportedOperationException e) {
                return State.UNKNOWN;
            }
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock; the run is no longer live. */
    @Override
    public void close() {
        synchronized (MUTEX) {
            if (!HELD_HERE.remove(file)) {
                return;
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases it as well
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to undo
            }
        }
    }
}
