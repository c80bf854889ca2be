package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Folder operations for crash-safe checkpoints: atomic rename, fsync of a folder, recursive delete. */
final class Dirs {

    private Dirs() {}

    /** Renames {@code from} to {@code to} in one step (same file system) and syncs the parent folder. */
    static void rename(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
        sync(to.toAbsolutePath().getParent());
    }

    /** Forces a folder's entries to disk where the file system allows it. */
    static void sync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a folder; the renames are atomic all the same
        }
    }

    /** Copies a file into a folder, forcing it to disk. */
    static void copyInto(Path file, Path dir) {
        Path target = dir.resolve(file.getFileName().toString());
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot copy " + file + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
