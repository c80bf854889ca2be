package dev.diagonal.project;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Finds the git commit Diagonal was built from, without running git: the {@code Git-Commit} attribute
 * of the jar manifest when packaged, or the {@code HEAD} of the enclosing repository when running from
 * a build folder (plain repository, worktree, loose or packed refs). Anything unexpected gives empty.
 */
final class GitHead {

    /** The manifest attribute a packaged build may carry. */
    static final String MANIFEST_ATTRIBUTE = "Git-Commit";

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final int MAX_PARENTS = 12;

    private GitHead() {}

    /** The commit of the code that holds {@code anchor}, if it can be found. */
    static Optional<String> ofCode(Class<?> anchor) {
        try {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return fromManifest(location);
            }
            return ofWorkingTree(location);
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The {@code HEAD} commit of the repository enclosing {@code start}, if any. */
    static Optional<String> ofWorkingTree(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        for (int i = 0; dir != null && i < MAX_PARENTS; i++, dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.exists(dotGit)) {
                try {
                    return resolveHead(gitDir(dotGit));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromManifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                return Optional.empty();
            }
            return commit(file.getManifest().getMainAttributes().getValue(MANIFEST_ATTRIBUTE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A worktree's {@code .git} is a file saying {@code gitdir: <path>}. */
    private static Path gitDir(Path dotGit) throws IOException {
        if (Files.isDirectory(dotGit)) {
            return dotGit;
        }
        String text = read(dotGit);
        if (!text.startsWith("gitdir:")) {
            throw new IOException("not a gitdir file");
        }
        return dotGit.getParent().resolve(text.substring("gitdir:".length()).trim()).normalize();
    }

    private static Optional<String> resolveHead(Path gitDir) throws IOException {
        String head = read(gitDir.resolve("HEAD"));
        if (!head.startsWith("ref:")) {
            return commit(head);
        }
        String ref = head.substring("ref:".length()).trim();
        Path common = gitDir;
        if (Files.isRegularFile(gitDir.resolve("commondir"))) {
            common = gitDir.resolve(read(gitDir.resolve("commondir"))).normalize();
        }
        for (Path base : new Path[] {gitDir, common}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return commit(read(loose));
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[1].equals(ref)) {
                    return commit(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> commit(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        return COMMIT.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
