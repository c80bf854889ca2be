package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.diagonal.DiagonalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workbench's own settings ({@code settings.json}): window geometry, last project and recent
 * projects. Kept under {@link #defaultDirectory()}; saved atomically. A damaged settings file never stops
 * the app: it loads as defaults, {@link #problem()} says why, and the next save replaces it.
 */
public final class Settings {

    /** The settings file name inside the settings folder. */
    public static final String FILE_NAME = "settings.json";
    /** How many recent projects are kept. */
    public static final int MAX_RECENT = 10;
    /** System property that moves the settings folder. */
    public static final String HOME_PROPERTY = "diagonal.home";
    /** Environment variable that moves the settings folder (the system property wins). */
    public static final String HOME_ENV = "DIAGONAL_HOME";

    /**
     * Main window position and size.
     *
     * @param x         left edge
     * @param y         top edge
     * @param width     width
     * @param height    height
     * @param maximized whether the window was maximised
     */
    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {}

    @JsonPropertyOrder({"window", "lastProject", "recentProjects"})
    private record Stored(WindowGeometry window, String lastProject, List<String> recentProjects) {}

    private final Path directory;
    private final String problem;
    private WindowGeometry window;
    private Path lastProject;
    private final List<Path> recentProjects = new ArrayList<>();

    private Settings(Path directory, String problem) {
        this.directory = directory;
        this.problem = problem;
    }

    /**
     * The settings folder: system property {@value #HOME_PROPERTY}, else environment variable
     * {@value #HOME_ENV}, else {@code ~/.diagonal}.
     */
    public static Path defaultDirectory() {
        return resolveDirectory(System.getProperty(HOME_PROPERTY), System.getenv(HOME_ENV),
                System.getProperty("user.home"));
    }

    static Path resolveDirectory(String property, String environment, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment);
        }
        return Path.of(userHome, ".diagonal");
    }

    /** Loads from {@link #defaultDirectory()}. */
    public static Settings load() {
        return load(defaultDirectory());
    }

    /** Loads from {@code directory}; defaults if there is no file or it is damaged (see {@link #problem()}). */
    public static Settings load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new Settings(directory, null);
        }
        Stored stored;
        try {
            stored = Json.read(file, Stored.class);
        } catch (DiagonalException e) {
            return new Settings(directory, e.getMessage());
        }
        Settings settings = new Settings(directory, null);
        settings.window = stored.window();
        settings.lastProject = stored.lastProject() == null ? null : Path.of(stored.lastProject());
        if (stored.recentProjects() != null) {
            List<String> paths = new ArrayList<>(stored.recentProjects());
            java.util.Collections.reverse(paths);
            paths.stream().filter(p -> p != null && !p.isBlank()).forEach(p -> settings.pushRecent(Path.of(p)));
        }
        return settings;
    }

    /** Writes {@code settings.json} atomically. */
    public synchronized void save() {
        Json.write(file(), new Stored(window, lastProject == null ? null : lastProject.toString(),
                recentProjects.stream().map(Path::toString).toList()));
    }

    /** Why the settings file could not be read, if it could not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The settings file. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The main window's last geometry. */
    public synchronized Optional<WindowGeometry> windowGeometry() {
        return Optional.ofNullable(window);
    }

    /** Remembers the main window's geometry. */
    public synchronized void setWindowGeometry(WindowGeometry geometry) {
        window = geometry;
    }

    /** The project open when the app last closed. */
    public synchronized Optional<Path> lastProject() {
        return Optional.ofNullable(lastProject);
    }

    /** Recent project folders, most recent first, at most {@value #MAX_RECENT}. */
    public synchronized List<Path> recentProjects() {
        return List.copyOf(recentProjects);
    }

    /**
     * Records that a project was opened: it becomes the last project and moves to the front of the recent
     * list (once; a path to its {@code diagonal-project.json} counts as its folder).
     */
    public synchronized void projectOpened(Path project) {
        Path folder = projectFolder(project);
        pushRecent(folder);
        lastProject = folder;
    }

    /** Removes a project from the recent list (e.g. its folder is gone); clears it as last project too. */
    public synchronized void forgetProject(Path project) {
        Path folder = projectFolder(project);
        recentProjects.remove(folder);
        if (folder.equals(lastProject)) {
            lastProject = null;
        }
    }

    private void pushRecent(Path project) {
        Path folder = projectFolder(project);
        recentProjects.remove(folder);
        recentProjects.add(0, folder);
        while (recentProjects.size() > MAX_RECENT) {
            recentProjects.remove(recentProjects.size() - 1);
        }
    }

    private static Path projectFolder(Path project) {
        Path absolute = project.toAbsolutePath().normalize();
        return absolute.getFileName() != null && absolute.getFileName().toString().equals(Project.FILE_NAME)
                ? absolute.getParent() : absolute;
    }
}
