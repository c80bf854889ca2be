package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * The content of {@code diagonal-project.json}. Paths are strings as stored: relative to the project
 * folder when the target lies inside it, absolute otherwise ({@link Project} resolves them). Fields a
 * newer Diagonal adds are ignored when reading.
 *
 * @param name        display name of the project
 * @param description free text, may be null
 * @param model       model folder, may be null until one is chosen
 * @param datasets    datasets with their roles, never null
 * @param runsDir     folder holding the runs, {@value #DEFAULT_RUNS_DIR} by default
 * @param templates   prompt templates file, may be null
 * @param created     when the project was created, may be null in hand-written files
 */
@JsonPropertyOrder({"name", "description", "model", "datasets", "runsDir", "templates", "created"})
public record ProjectFile(String name, String description, String model, List<DatasetEntry> datasets,
        String runsDir, String templates, Instant created) {

    /** The runs folder used when the file names none. */
    public static final String DEFAULT_RUNS_DIR = "runs";

    /** Fills the defaults: no datasets, runs folder {@value #DEFAULT_RUNS_DIR}. */
    public ProjectFile {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        runsDir = runsDir == null || runsDir.isBlank() ? DEFAULT_RUNS_DIR : runsDir;
    }

    /** A copy with another name. */
    public ProjectFile withName(String newName) {
        return new ProjectFile(newName, description, model, datasets, runsDir, templates, created);
    }

    /** A copy with another description. */
    public ProjectFile withDescription(String newDescription) {
        return new ProjectFile(name, newDescription, model, datasets, runsDir, templates, created);
    }

    /** A copy with another model path (as stored). */
    public ProjectFile withModel(String newModel) {
        return new ProjectFile(name, description, newModel, datasets, runsDir, templates, created);
    }

    /** A copy with other datasets. */
    public ProjectFile withDatasets(List<DatasetEntry> newDatasets) {
        return new ProjectFile(name, description, model, newDatasets, runsDir, templates, created);
    }

    /** A copy with another runs folder (as stored). */
    public ProjectFile withRunsDir(String newRunsDir) {
        return new ProjectFile(name, description, model, datasets, newRunsDir, templates, created);
    }

    /** A copy with another templates path (as stored). */
    public ProjectFile withTemplates(String newTemplates) {
        return new ProjectFile(name, description, model, datasets, runsDir, newTemplates, created);
    }
}
