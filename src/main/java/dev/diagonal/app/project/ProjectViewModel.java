package dev.diagonal.app.project;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Session;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The project screen: create or open a project folder, the recent ones, the sample project, and an
 * overview of the open project (model, datasets, runs).
 */
public final class ProjectViewModel {

    private final Session session;
    private final BooleanProperty hasProject = new SimpleBooleanProperty();
    private final BooleanProperty sampleAvailable = new SimpleBooleanProperty();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty runs = new SimpleStringProperty("");
    private final ObservableList<DatasetRow> datasets = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final Command newProject = new Command(this::newProject);
    private final Command openProject = new Command(this::openProject);
    private final Command openSample;

    public ProjectViewModel(Session session) {
        this.session = session;
        sampleAvailable.set(session.paths().sampleProject().isPresent());
        openSample = new Command(this::openSample, sampleAvailable);
        session.projectProperty().addListener((obs, old, project) -> refresh());
        session.projectRevisionProperty().addListener((obs, old, revision) -> refresh());
        refresh();
    }

    /** Re-reads the open project and the recent list. */
    public void refresh() {
        recent.setAll(session.settings().recentProjects());
        Project project = session.project();
        hasProject.set(project != null);
        if (project == null) {
            name.set("");
            folder.set("");
            description.set("");
            model.set("");
            runs.set("");
            datasets.clear();
            steps.clear();
            return;
        }
        name.set(project.data().name());
        folder.set(project.folder().toString());
        description.set(project.data().description() == null ? "" : project.data().description());
        model.set(project.modelPath().map(p -> p + (Files.isDirectory(p) ? "" : "  (missing)")).orElse("none chosen yet"));
        datasets.setAll(project.datasets().stream().map(d -> row(project, d)).toList());
        int count = countRuns(project);
        runs.set(count == 0 ? "no runs yet" : count + (count == 1 ? " run" : " runs") + " in " + project.runsPath());
        steps.setAll(nextSteps(project, count));
    }

    /** What to do next, step by step, each marked done (✓) or not (→). */
    static java.util.List<String> nextSteps(Project project, int runCount) {
        boolean model = project.modelPath().map(Files::isDirectory).orElse(false);
        boolean data = project.datasets().stream().anyMatch(d -> Files.exists(project.datasetPath(d)));
        return java.util.List.of(
                model ? "✓ Model: " + project.modelPath().get().getFileName() : "→ Choose a model folder (Model screen, Ctrl+M)",
                data ? "✓ Data: " + project.datasets().size() + (project.datasets().size() == 1 ? " dataset" : " datasets")
                        : "→ Import a dataset (Dataset screen, Ctrl+I)",
                model && data ? "→ Measure the zero-shot baseline (Zero-shot screen, Ctrl+R)" : "· Zero-shot baseline, once there are a model and data",
                runCount > 0 ? "✓ Runs: compare them on the Runs screen (Ctrl+6), export the best (Ctrl+7)"
                        : model && data ? "→ Fine-tune (Fine-tune screen, Ctrl+5)" : "· Fine-tune, once there are a model and data");
    }

    private static DatasetRow row(Project project, DatasetEntry entry) {
        Path path = project.datasetPath(entry);
        return new DatasetRow(entry.name(), roleText(entry.role()), path.toString(),
                Files.exists(path) ? "ok" : "missing");
    }

    /** The role as the project file names it; test and shift sets say that training refuses them. */
    static String roleText(DatasetRole role) {
        return role.heldOut() ? role.label() + " (held out)" : role.label();
    }

    private static int countRuns(Project project) {
        try {
            return project.runs().list().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Opens the project in {@code folderOrFile} in the background. */
    public void open(Path folderOrFile) {
        session.tasks().task("Opening project " + folderOrFile.getFileName(), context -> Project.open(folderOrFile))
                .quiet()
                .onSuccess(session::setProject)
                .onFailure(error -> {
                    if (!Files.exists(folderOrFile)) {
                        forget(folderOrFile);
                    }
                })
                .start();
    }

    /** Creates a project called {@code projectName} in {@code projectFolder} and opens it. */
    public void create(Path projectFolder, String projectName) {
        session.tasks().task("Creating project " + projectName, context -> Project.create(projectFolder, projectName))
                .quiet()
                .onSuccess(session::setProject)
                .start();
    }

    /** Takes a project off the recent list. */
    public void forget(Path project) {
        session.settings().forgetProject(project);
        session.saveSettings();
        recent.setAll(session.settings().recentProjects());
    }

    private void newProject() {
        session.dialogs().chooseDirectory("New project: choose an empty folder", null).ifPresent(dir ->
                session.dialogs().askText("New project", "Project name:", String.valueOf(dir.getFileName()))
                        .ifPresent(projectName -> create(dir, projectName)));
    }

    private void openProject() {
        Path initial = session.project() == null ? null : session.project().folder().getParent();
        session.dialogs().chooseDirectory("Open project folder", initial).ifPresent(this::open);
    }

    /** Opens the sample project, or its per-user copy when the bundled one is read-only (installed). */
    private void openSample() {
        session.tasks().task("Opening the sample project", context -> session.paths().writableSampleProject()
                        .map(Project::open).orElseThrow(() -> new DiagonalException("no sample project at " + sampleLocation())))
                .quiet()
                .onSuccess(session::setProject)
                .start();
    }

    public Command newProjectCommand() {
        return newProject;
    }

    public Command openProjectCommand() {
        return openProject;
    }

    public Command openSampleCommand() {
        return openSample;
    }

    public ReadOnlyBooleanProperty hasProjectProperty() {
        return hasProject;
    }

    public ReadOnlyBooleanProperty sampleAvailableProperty() {
        return sampleAvailable;
    }

    /** Where the sample project is expected, for the message when it is missing. */
    public Path sampleLocation() {
        return session.paths().root().resolve(dev.diagonal.app.common.AppPaths.SAMPLE_PROJECT);
    }

    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty folderProperty() {
        return folder;
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description;
    }

    public ReadOnlyStringProperty modelProperty() {
        return model;
    }

    public ReadOnlyStringProperty runsProperty() {
        return runs;
    }

    public ObservableList<DatasetRow> datasets() {
        return datasets;
    }

    /** What to do next in the open project. */
    public ObservableList<String> nextSteps() {
        return steps;
    }

    /** Recent project folders, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }
}
