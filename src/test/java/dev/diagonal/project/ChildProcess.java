package dev.diagonal.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test helper: starts {@link ChildRun} in another JVM and kills it with SIGKILL. */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path errors;

    private ChildProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /** Starts {@code ChildRun mode runFolder} and waits until it prints READY. */
    static ChildProcess start(String mode, Path runFolder) throws IOException {
        Path errors = Files.createTempFile("child-run", ".err");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ChildRun.class.getName(), mode, runFolder.toString())
                .redirectError(errors.toFile())
                .start();
        ChildProcess child = new ChildProcess(process, errors);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"READY".equals(line)) {
            child.close();
            throw new IllegalStateException("child did not start: " + line + " / " + Files.readString(errors));
        }
        return child;
    }

    /** The child's pid. */
    long pid() {
        return process.pid();
    }

    /** Kills the child like {@code kill -9} and waits until it is gone. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child survived SIGKILL");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(errors);
        } catch (InterruptedException | IOException ignored) {
            Thread.currentThread().interrupt();
        }
    }
}
