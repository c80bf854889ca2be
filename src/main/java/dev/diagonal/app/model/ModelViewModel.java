package dev.diagonal.app.model;

import ai.djl.engine.Engine;
import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.LoadedModel;
import dev.diagonal.app.common.Session;
import dev.diagonal.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The model screen: choose the project's HF model folder (or the starter model), see what it is, and
 * load it on a device.
 */
public final class ModelViewModel {

    /** The device choices, as {@code --device} takes them. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    private final Session session;
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelDescription> description = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty device = new SimpleStringProperty("auto");
    private final StringProperty gpus = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Not loaded");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty starterAvailable = new SimpleBooleanProperty();
    private final Command choose = new Command(this::choose);
    private final Command useStarter;
    private final Command load;
    private final Command unload;

    public ModelViewModel(Session session) {
        this.session = session;
        starterAvailable.set(session.paths().starterModel().isPresent());
        useStarter = new Command(() -> session.paths().starterModel().ifPresent(this::setFolder), starterAvailable);
        load = new Command(this::load, Bindings.createBooleanBinding(
                () -> description.get() != null && !loading.get() && session.project() != null, description, loading,
                session.projectProperty()));
        unload = new Command(this::unload, Bindings.createBooleanBinding(
                () -> session.modelProperty().get() != null && !loading.get(), session.modelProperty(), loading));
        session.projectProperty().addListener((obs, old, project) -> showProjectModel(project));
        session.modelProperty().addListener((obs, old, loaded) -> updateStatus(loaded));
        showProjectModel(session.project());
    }

    private void showProjectModel(Project project) {
        Optional<Path> path = project == null ? Optional.empty() : project.modelPath();
        folder.set(path.orElse(null));
        description.set(null);
        if (path.isEmpty()) {
            problem.set(project == null ? "Open a project first." : "No model chosen yet: choose an HF model folder or the starter model.");
        } else if (!Files.isDirectory(path.get())) {
            problem.set("The project's model folder is missing: " + path.get());
        } else {
            problem.set("");
            describe(path.get(), false);
        }
        updateStatus(session.modelProperty().get());
    }

    /** Makes {@code candidate} the project's model once it reads as a CLIP model folder. */
    public void setFolder(Path candidate) {
        if (session.project() == null) {
            session.dialogs().showError("No project", "Open or create a project before choosing its model.");
            return;
        }
        Path dir = Files.isRegularFile(candidate) ? candidate.getParent() : candidate;
        describe(dir, true);
    }

    private void describe(Path dir, boolean assign) {
        session.tasks().task("Reading model " + dir.getFileName(), context -> ModelDescription.read(dir))
                .quiet()
                .onSuccess(read -> {
                    folder.set(dir);
                    description.set(read);
                    problem.set("");
                    if (assign) {
                        session.project().setModel(dir);
                        session.projectChanged();
                    }
                    updateStatus(session.modelProperty().get());
                })
                .onFailure(error -> {
                    if (!assign) {
                        problem.set("Cannot read the project's model: " + dev.diagonal.app.common.Errors.message(error));
                    }
                })
                .start();
    }

    private void load() {
        Path dir = folder.get();
        String choice = device.get();
        loading.set(true);
        status.set("Loading…");
        long start = System.nanoTime();
        session.tasks().task("Loading model " + dir.getFileName(), context -> {
            context.message("starting the engine");
            context.progress(1, 4);
            int gpuCount = Engine.getInstance().getGpuCount();
            session.onUi(() -> gpus.set(gpuCount == 0 ? "DJL sees no GPU: the model runs on the CPU."
                    : "DJL sees " + gpuCount + (gpuCount == 1 ? " GPU." : " GPUs.")));
            context.message("loading weights, tokenizer and preprocessing");
            context.progress(2, 4);
            LoadedModel loaded = session.loadModel(dir, choice);
            context.progress(4, 4);
            return loaded;
        })
                .onProgress(progress::set)
                .onSuccess(loaded -> status.set(String.format(java.util.Locale.ROOT, "Loaded on %s in %.1f s",
                        loaded.device(), (System.nanoTime() - start) / 1e9)))
                .onFailure(error -> status.set("Not loaded: loading failed"))
                .onFinally(() -> loading.set(false))
                .start();
    }

    private void unload() {
        session.unloadModel();
        progress.set(0);
    }

    private void updateStatus(LoadedModel loaded) {
        if (loading.get()) {
            return;
        }
        if (loaded == null) {
            status.set("Not loaded (zero-shot loads it when needed)");
            progress.set(0);
        } else if (folder.get() != null && loaded.folder().equals(folder.get().toAbsolutePath().normalize())) {
            status.set("Loaded on " + loaded.device());
            progress.set(1);
        } else {
            status.set("Another model is loaded: " + loaded.folder());
            progress.set(0);
        }
    }

    private void choose() {
        session.dialogs().chooseDirectory("Choose an HF model folder (config.json + model.safetensors)", folder.get())
                .ifPresent(this::setFolder);
    }

    public Command chooseCommand() {
        return choose;
    }

    public Command useStarterCommand() {
        return useStarter;
    }

    public Command loadCommand() {
        return load;
    }

    public Command unloadCommand() {
        return unload;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder;
    }

    public ReadOnlyObjectProperty<ModelDescription> descriptionProperty() {
        return description;
    }

    /** Why there is no description (no project, no model, missing folder), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** The device choice: auto, cpu or gpu. */
    public StringProperty deviceProperty() {
        return device;
    }

    public ReadOnlyStringProperty gpusProperty() {
        return gpus;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Load progress in [0, 1], -1 while indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty starterAvailableProperty() {
        return starterAvailable;
    }

    /** Where the starter model is expected, for the message when it is missing. */
    public Path starterLocation() {
        return session.paths().root().resolve(dev.diagonal.app.common.AppPaths.STARTER_MODEL);
    }
}
