package dev.diagonal.io;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** Deleting folder trees: the one walker behind run deletion, temporary folders and replaced reports. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a folder and everything in it; a missing folder is fine.
     *
     * @throws DiagonalException naming the folder when something cannot be deleted
     */
    public static void delete(Path dir) {
        delete(dir, true, Set.of());
    }

    /**
     * Deletes everything inside a folder except the paths in {@code keep}; the folder itself stays.
     *
     * @throws DiagonalException naming the folder when something cannot be deleted
     */
    public static void deleteInside(Path dir, Path... keep) {
        delete(dir, false, Set.of(keep));
    }

    /** As {@link #delete}, but leaves what cannot be deleted (for hidden temporary folders). */
    public static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (DiagonalException ignored) {
            // best effort: a leftover temporary folder is harmless
        }
    }

    private static void delete(Path dir, boolean withRoot, Set<Path> keep) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!keep.contains(file)) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path sub, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    if (withRoot || !sub.equals(dir)) {
                        Files.delete(sub);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new DiagonalException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
