package dev.diagonal.cli;

import dev.diagonal.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints; builds complete model folders. */
final class CliRunner {

    record Outcome(int exitCode, String out, String err) {}

    private CliRunner() {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The tiny HF checkpoint with the real CLIP tokenizer files and a 32-px preprocessor config. */
    static Path tinyModel(Path dir) {
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), dir);
        copyAll(Path.of("assets/tokenizer/clip"), dir);
        copy(Fixtures.path("e2e/preprocessor_config.json"), dir.resolve("preprocessor_config.json"));
        return dir;
    }

    static void copyAll(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            files.filter(Files::isRegularFile).forEach(f -> copy(f, to.resolve(f.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
