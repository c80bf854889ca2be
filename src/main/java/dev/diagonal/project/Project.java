package dev.diagonal.project;

import dev.diagonal.DiagonalException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A project folder: {@code diagonal-project.json} (model, datasets, runs folder, templates) plus the
 * runs. Paths inside the project folder are stored relative to it, so the folder can be moved or shared;
 * paths outside are stored absolute. Changes stay in memory until {@link #save()}.
 */
public final class Project {

    /** The name of the project file inside a project folder. */
    public static final String FILE_NAME = "diagonal-project.json";

    private final Path folder;
    private ProjectFile data;

    private Project(Path folder, ProjectFile data) {
        this.folder = folder;
        this.data = data;
    }

    /**
     * Opens a project from its folder or from its {@code diagonal-project.json}.
     *
     * @throws DiagonalException if there is no project file, or it is not valid (the message names the
     *     file and the JSON problem with line and column)
     */
    public static Project open(Path folderOrFile) {
        Path path = folderOrFile.toAbsolutePath().normalize();
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException(Files.isDirectory(path)
                    ? "no " + FILE_NAME + " in " + path
                    : "no project at " + path);
        }
        Path folder = file.getParent();
        ProjectFile read = Json.read(file, ProjectFile.class);
        if (read.name() == null || read.name().isBlank()) {
            read = read.withName(folder.getFileName().toString());
        }
        return new Project(folder, validated(file, read));
    }

    /**
     * Creates a new project in {@code folder} (created if missing) and saves its project file.
     *
     * @throws DiagonalException if the folder already holds a project
     */
    public static Project create(Path folder, String name) {
        Objects.requireNonNull(name, "name");
        Path absolute = folder.toAbsolutePath().normalize();
        Path file = absolute.resolve(FILE_NAME);
        if (Files.exists(file)) {
            throw new DiagonalException(absolute + " already holds a project (" + FILE_NAME + ")");
        }
        if (name.isBlank()) {
            throw new DiagonalException("project name is empty");
        }
        ProjectFile data = new ProjectFile(name, null, null, List.of(), ProjectFile.DEFAULT_RUNS_DIR, null,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Project project = new Project(absolute, data);
        project.save();
        return project;
    }

    /** Writes {@code diagonal-project.json} atomically. */
    public void save() {
        Json.write(file(), data);
    }

    /** The project folder (absolute). */
    public Path folder() {
        return folder;
    }

    /** The project file. */
    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    /** The content as stored (paths unresolved). */
    public ProjectFile data() {
        return data;
    }

    /** Replaces the whole content, e.g. after an edit dialog. */
    public void setData(ProjectFile newData) {
        data = validated(file(), Objects.requireNonNull(newData, "data"));
    }

    /** The model folder, resolved against the project folder. */
    public Optional<Path> modelPath() {
        return Optional.ofNullable(data.model()).map(this::resolve);
    }

    /** Sets the model folder (stored relative when inside the project folder). */
    public void setModel(Path modelDir) {
        data = data.withModel(modelDir == null ? null : toStored(modelDir));
    }

    /** The datasets in file order. */
    public List<DatasetEntry> datasets() {
        return data.datasets();
    }

    /** The dataset with this name, if any. */
    public Optional<DatasetEntry> dataset(String name) {
        return data.datasets().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The path of a dataset, resolved against the project folder. */
    public Path datasetPath(DatasetEntry dataset) {
        return resolve(dataset.path());
    }

    /**
     * The dataset whose path is {@code path} (the same file or folder, however written), if the project
     * lists one.
     */
    public Optional<DatasetEntry> datasetAt(Path path) {
        Path wanted = canonical(path);
        return data.datasets().stream().filter(d -> canonical(datasetPath(d)).equals(wanted)).findFirst();
    }

    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (java.io.IOException e) {
            return absolute; // a missing dataset still matches by its written path
        }
    }

    /** Adds a dataset, or replaces the one with the same name keeping its position. */
    public void putDataset(String name, Path path, DatasetRole role) {
        DatasetEntry entry = new DatasetEntry(name, toStored(path), role);
        List<DatasetEntry> datasets = new ArrayList<>(data.datasets());
        int index = datasets.indexOf(dataset(name).orElse(null));
        if (index >= 0) {
            datasets.set(index, entry);
        } else {
            datasets.add(entry);
        }
        setData(data.withDatasets(datasets));
    }

    /** Removes the dataset with this name; returns whether there was one. */
    public boolean removeDataset(String name) {
        List<DatasetEntry> datasets = new ArrayList<>(data.datasets());
        boolean removed = datasets.removeIf(d -> d.name().equals(name));
        data = data.withDatasets(datasets);
        return removed;
    }

    /** The runs folder, resolved against the project folder. */
    public Path runsPath() {
        return resolve(data.runsDir());
    }

    /** The runs of this project. */
    public RunStore runs() {
        return new RunStore(runsPath());
    }

    /** The prompt templates file, resolved against the project folder. */
    public Optional<Path> templatesPath() {
        return Optional.ofNullable(data.templates()).map(this::resolve);
    }

    /** Sets the templates file (stored relative when inside the project folder); null clears it. */
    public void setTemplates(Path templates) {
        data = data.withTemplates(templates == null ? null : toStored(templates));
    }

    /** Resolves a stored path: relative ones against the project folder. */
    public Path resolve(String stored) {
        return folder.resolve(stored).normalize();
    }

    /**
     * The form a path is stored in: relative to the project folder with {@code /} separators when it lies
     * inside it, absolute otherwise.
     */
    public String toStored(Path path) {
        Path absolute = folder.resolve(path).toAbsolutePath().normalize();
        if (!absolute.startsWith(folder)) {
            return absolute.toString();
        }
        String relative = folder.relativize(absolute).toString().replace(File.separatorChar, '/');
        return relative.isEmpty() ? "." : relative;
    }

    private static ProjectFile validated(Path file, ProjectFile data) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < data.datasets().size(); i++) {
            DatasetEntry dataset = data.datasets().get(i);
            String where = file + ": datasets[" + i + "]";
            if (dataset == null) {
                throw new DiagonalException(where + " is null");
            }
            if (dataset.name() == null || dataset.name().isBlank()) {
                throw new DiagonalException(where + ": missing 'name'");
            }
            if (dataset.path() == null || dataset.path().isBlank()) {
                throw new DiagonalException(where + " ('" + dataset.name() + "'): missing 'path'");
            }
            if (dataset.role() == null) {
                throw new DiagonalException(where + " ('" + dataset.name()
                        + "'): missing 'role' (train, val, test, eval or shift)");
            }
            if (!names.add(dataset.name())) {
                throw new DiagonalException(where + ": dataset name '" + dataset.name() + "' used twice");
            }
        }
        return data;
    }
}
