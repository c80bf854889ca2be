package dev.diagonal.io;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** The folder side of {@link HfExport}: checks on the target, the hidden build folder, the final swap. */
final class ExportTarget {

    private ExportTarget() {}

    /** Refuses a target that is a file, non-empty without {@code force}, or the source or one of its parents. */
    static void check(Path target, boolean force, Path... sources) {
        for (Path source : sources) {
            Path real = source.toAbsolutePath().normalize();
            if (real.startsWith(target)) {
                throw new DiagonalException("cannot export into " + target + ": it holds the source " + real);
            }
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new DiagonalException("export target " + target + " is a file");
        }
        if (!force && Files.isDirectory(target) && !isEmpty(target)) {
            throw new DiagonalException("export target " + target + " is not empty (use --force to replace it)");
        }
    }

    /** A new hidden folder next to {@code target}. */
    static Path createTemp(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".export-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
            return Files.createDirectory(temp);
        } catch (IOException e) {
            throw new DiagonalException("cannot create a folder next to " + target + ": " + e.getMessage(), e);
        }
    }

    static void copyIfPresent(Path from, Path to) {
        if (!Files.isRegularFile(from)) {
            return;
        }
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot copy " + from + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the finished {@code temp} folder at {@code target}: an existing target is first renamed aside
     * and deleted only after the new folder is in place. Returns the file names written.
     */
    static List<String> finish(Path temp, Path target) {
        try {
            syncDirectory(temp);
            List<String> files;
            try (Stream<Path> entries = Files.list(temp)) {
                files = entries.map(p -> p.getFileName().toString()).sorted().toList();
            }
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                move(target, old);
            }
            move(temp, target);
            syncDirectory(target.getParent());
            if (old != null) {
                FileTrees.deleteQuietly(old);
            }
            return files;
        } catch (IOException e) {
            throw new DiagonalException("cannot put the export at " + target + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not every file system syncs folders; the renames are still atomic
        }
    }
}
