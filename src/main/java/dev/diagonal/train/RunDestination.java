package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where {@link FineTuning#start} puts a new run: a given folder (absent or empty, e.g. {@code --out}), or a
 * new time-stamped folder named after the method in a runs folder (the workbench's project). The folder is
 * made by {@link FineTuning}, after the settings were checked, and nowhere else.
 */
public final class RunDestination {

    private final Path folder;
    private final Path runsDir;

    private RunDestination(Path folder, Path runsDir) {
        this.folder = folder;
        this.runsDir = runsDir;
    }

    /** The folder {@code dir}, which must not exist or be empty. */
    public static RunDestination at(Path dir) {
        return new RunDestination(Objects.requireNonNull(dir, "dir"), null);
    }

    /** A new folder {@code YYYYMMDD-HHMMSS-METHOD} in {@code runsDir}. */
    public static RunDestination newIn(Path runsDir) {
        return new RunDestination(null, Objects.requireNonNull(runsDir, "runsDir"));
    }

    /** A run folder made (or taken while empty) for a run of {@code method}; {@code made} says it was created. */
    record Created(RunFolder run, boolean made) {}

    Created create(String method) {
        if (runsDir != null) {
            return new Created(RunFolder.create(runsDir, method), true);
        }
        try {
            if (Files.exists(folder)) {
                if (!Files.isDirectory(folder)) {
                    throw new DiagonalException("run folder " + folder + " is a file, not a folder");
                }
                try (Stream<Path> entries = Files.list(folder)) {
                    if (entries.findAny().isPresent()) {
                        throw new DiagonalException("run folder " + folder + " is not empty" + (Files.exists(
                                folder.resolve(RunFolder.RUN_JSON)) ? "; to continue its run: diagonal resume " + folder : ""));
                    }
                }
                return new Created(RunFolder.open(folder), false);
            }
            Files.createDirectories(folder);
            return new Created(RunFolder.open(folder), true);
        } catch (IOException e) {
            throw new DiagonalException("cannot create run folder " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return folder != null ? folder.toString() : runsDir + "/<new run>";
    }
}
