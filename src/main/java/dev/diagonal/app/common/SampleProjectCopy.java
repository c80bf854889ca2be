package dev.diagonal.app.common;

import dev.diagonal.io.FileTrees;
import dev.diagonal.DiagonalException;
import dev.diagonal.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gives the workbench a copy of the bundled sample project that it may write runs into. An installed
 * Diagonal (e.g. {@code /opt/diagonal/lib/app}) is read-only, or must be treated so; there the sample
 * project is copied once into a per-user folder and the copy is opened. The copy's model, relative in
 * the bundle ({@code ../../assets/models/...}), is rewritten to the bundled model's absolute path, and
 * repaired later if it goes missing (the installation moved) while the bundled one is there.
 */
public final class SampleProjectCopy {

    private final Path copies;
    private final boolean installed;

    /**
     * @param copies    the per-user folder that holds copies of bundled projects
     * @param installed true to copy even when the bundled project is writable (a packaged installation)
     */
    public SampleProjectCopy(Path copies, boolean installed) {
        this.copies = copies;
        this.installed = installed;
    }

    /**
     * The folder to open for the bundled project {@code sample}: itself when it may be written to,
     * else its per-user copy, made on first use.
     *
     * @throws DiagonalException if the copy cannot be made (names the folder)
     */
    public Path writableFolder(Path sample) {
        if (!installed && Files.isWritable(sample)) {
            return sample;
        }
        Path copy = copies.resolve(sample.getFileName().toString());
        Optional<Path> bundledModel = Project.open(sample).modelPath();
        if (!Files.isRegularFile(copy.resolve(Project.FILE_NAME))) {
            makeCopy(sample, copy);
            bundledModel.ifPresent(model -> pointModelAt(copy, model));
        } else {
            bundledModel.filter(Files::isDirectory).ifPresent(model -> repairModel(copy, model));
        }
        return copy;
    }

    private static void repairModel(Path copy, Path bundledModel) {
        Project project = Project.open(copy);
        boolean missing = project.modelPath().map(path -> !Files.isDirectory(path)).orElse(false);
        if (missing) {
            pointModelAt(copy, bundledModel);
        }
    }

    private static void pointModelAt(Path copy, Path model) {
        Project project = Project.open(copy);
        project.setModel(model.toAbsolutePath().normalize());
        project.save();
    }

    /** Copies into a temporary sibling, then renames, so a half-made copy is never opened. */
    private static void makeCopy(Path sample, Path copy) {
        Path temporary = null;
        try {
            Files.createDirectories(copy.getParent());
            temporary = Files.createTempDirectory(copy.getParent(), "." + copy.getFileName() + "-");
            copyTree(sample, temporary, sample.resolve(runsDir(sample)));
            FileTrees.deleteQuietly(copy); // a leftover without a project file
            Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isRegularFile(copy.resolve(Project.FILE_NAME))) {
                throw new DiagonalException("cannot copy the sample project to " + copy + ": " + e.getMessage());
            } // another instance made the copy first
        } catch (IOException | UncheckedIOException e) {
            throw new DiagonalException("cannot copy the sample project to " + copy + ": " + e.getMessage());
        } finally {
            if (temporary != null) {
                FileTrees.deleteQuietly(temporary);
            }
        }
    }

    private static String runsDir(Path sample) {
        String runs = Project.open(sample).data().runsDir();
        return runs == null ? "runs" : runs;
    }

    private static void copyTree(Path from, Path to, Path skipped) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                if (source.startsWith(skipped)) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
