package dev.diagonal.app.common;

import ai.djl.Device;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.ColumnMapping;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.ImageFeatureCache;
import dev.diagonal.project.Project;
import dev.diagonal.project.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the screens share: the open project, the loaded model, loaded datasets, settings and the
 * services (task runner, dialogs). Properties change on the UI thread only; the {@code ui} executor
 * gets results of background work there.
 */
public final class Session {

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Settings settings;
    private final AppPaths paths;
    private final Executor ui;
    private final boolean remember;
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final IntegerProperty projectRevision = new SimpleIntegerProperty();
    private final ObjectProperty<LoadedModel> model = new SimpleObjectProperty<>();
    private final Map<Path, CompletableFuture<Dataset>> datasets = new HashMap<>();
    private final Object modelLock = new Object();
    private LoadedModel currentModel;

    /**
     * A session.
     *
     * @param remember whether opening a project is written to the settings (false for snapshots)
     */
    public Session(TaskRunner tasks, DialogService dialogs, Settings settings, AppPaths paths, Executor ui, boolean remember) {
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.settings = Objects.requireNonNull(settings);
        this.paths = Objects.requireNonNull(paths);
        this.ui = Objects.requireNonNull(ui);
        this.remember = remember;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public Settings settings() {
        return settings;
    }

    public AppPaths paths() {
        return paths;
    }

    /** Runs on the UI thread (later, or now in tests). */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project;
    }

    public Project project() {
        return project.get();
    }

    /** Bumped whenever the open project's content changes (model, datasets). */
    public ReadOnlyIntegerProperty projectRevisionProperty() {
        return projectRevision;
    }

    /** Makes {@code opened} the open project and remembers it as the last and a recent one. */
    public void setProject(Project opened) {
        if (remember && opened != null) {
            settings.projectOpened(opened.folder());
            saveSettings();
        }
        project.set(opened);
        projectRevision.set(projectRevision.get() + 1);
    }

    /** Saves the open project's file after a change and tells the screens. */
    public void projectChanged() {
        Project current = project.get();
        if (current != null) {
            current.save();
        }
        projectRevision.set(projectRevision.get() + 1);
    }

    /** Writes the settings unless this session does not remember anything. */
    public void saveSettings() {
        if (remember) {
            settings.save();
        }
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model;
    }

    /**
     * The model in {@code folder} on {@code device} ({@code auto}, {@code cpu} or {@code gpu}), loading it
     * if another one (or none) is loaded. Call from background work; the property changes on the UI thread.
     */
    public LoadedModel loadModel(Path folder, String device) {
        Path absolute = folder.toAbsolutePath().normalize();
        synchronized (modelLock) {
            Device target = Devices.select(device);
            LoadedModel previous = currentModel;
            if (previous != null && previous.folder().equals(absolute) && previous.device().equals(target.toString())) {
                return previous;
            }
            LoadedModel loaded = new LoadedModel(absolute, target.toString(), Embedder.open(absolute, target,
                    ImageFeatureCache.shared()));
            currentModel = loaded;
            if (previous != null) {
                previous.embedder().close();
            }
            ui.execute(() -> model.set(loaded));
            return loaded;
        }
    }

    /**
     * The loaded model if it is the one in {@code folder} (whatever its device), else that model loaded on
     * {@code auto}. Call from background work.
     */
    public LoadedModel modelFor(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        synchronized (modelLock) {
            if (currentModel != null && currentModel.folder().equals(absolute)) {
                return currentModel;
            }
            return loadModel(absolute, "auto");
        }
    }

    /** Forgets the loaded model and frees it. */
    public void unloadModel() {
        model.set(null);
        synchronized (modelLock) {
            if (currentModel != null) {
                currentModel.embedder().close();
                currentModel = null;
            }
        }
    }

    /**
     * A dataset, loaded and validated once per session (call from background work); screens asking for
     * the same dataset at once share one load. {@code progress} hears image checks of a load this call starts.
     */
    public Dataset dataset(Path source, DatasetLoader.Progress progress, boolean reload) {
        Path key = source.toAbsolutePath().normalize();
        CompletableFuture<Dataset> mine = null;
        CompletableFuture<Dataset> future;
        synchronized (datasets) {
            future = datasets.get(key);
            if (future == null || reload || future.isCompletedExceptionally()) {
                mine = new CompletableFuture<>();
                datasets.put(key, mine);
                future = mine;
            }
        }
        if (mine != null) {
            try {
                mine.complete(DatasetLoader.load(key, ColumnMapping.auto(), DatasetLoader.Options.defaults().withProgress(progress)));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
