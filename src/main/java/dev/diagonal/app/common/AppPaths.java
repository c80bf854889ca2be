package dev.diagonal.app.common;

import dev.diagonal.project.Settings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the workbench finds what ships with Diagonal: the sample project and the starter model. The
 * installation folder is the system property {@value #ROOT_PROPERTY} if set, else the folder above
 * {@code target/} that holds the running jar or classes, else the working directory.
 *
 * @param root the installation (repository) folder
 */
public record AppPaths(Path root) {

    /** System property naming the installation folder. */
    public static final String ROOT_PROPERTY = "diagonal.root";
    /** The sample project, relative to the installation folder. */
    public static final String SAMPLE_PROJECT = "sample-projects/emoji-styles";
    /** System property that marks a packaged installation, whose files are never written to. */
    public static final String INSTALLED_PROPERTY = "diagonal.installed";
    /** The starter model, relative to the installation folder. */
    public static final String STARTER_MODEL = "assets/models/diagonal-starter-emoji";

    /** Finds the installation folder as described above. */
    public static AppPaths detect() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return new AppPaths(Path.of(property).toAbsolutePath().normalize());
        }
        codeLocation().ifPresent(location -> {
            // target/diagonal.jar or target/classes: the installation is above target/
            Path target = location.getParent();
            if (target != null && target.getParent() != null) {
                candidates.add(target.getParent());
            }
        });
        candidates.add(Path.of("").toAbsolutePath());
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("assets")) || Files.isDirectory(candidate.resolve("sample-projects"))) {
                return new AppPaths(candidate.normalize());
            }
        }
        return new AppPaths(candidates.get(candidates.size() - 1).normalize());
    }

    /** The sample project folder, if it is there. */
    public Optional<Path> sampleProject() {
        Path folder = root.resolve(SAMPLE_PROJECT);
        return Files.isRegularFile(folder.resolve("diagonal-project.json")) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * The sample project folder to open, if the sample project is there: itself in a writable checkout,
     * else (read-only, or {@value #INSTALLED_PROPERTY} set) a per-user copy under the settings folder
     * ({@code ~/.diagonal/sample-projects/}), made on first use; see {@link SampleProjectCopy}.
     *
     * @throws dev.diagonal.DiagonalException if the copy cannot be made
     */
    public Optional<Path> writableSampleProject() {
        SampleProjectCopy copies = new SampleProjectCopy(Settings.defaultDirectory().resolve("sample-projects"),
                Boolean.getBoolean(INSTALLED_PROPERTY));
        return sampleProject().map(copies::writableFolder);
    }

    /** The starter model folder, if it is there. */
    public Optional<Path> starterModel() {
        Path folder = root.resolve(STARTER_MODEL);
        return Files.isRegularFile(folder.resolve("config.json")) ? Optional.of(folder) : Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = AppPaths.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
