package dev.diagonal.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: finds the temporary files an atomic write might leave behind. */
final class TempFiles {

    private TempFiles() {}

    /** Every {@code *.tmp} file under {@code root}. */
    static List<Path> under(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
