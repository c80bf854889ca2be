package dev.diagonal.app;

import dev.diagonal.app.common.LoadedModel;
import dev.diagonal.app.common.Session;
import dev.diagonal.project.Project;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The main window: which screen is shown, the window title, and the status line. */
public final class MainViewModel {

    private final Session session;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.PROJECT);
    private final StringBinding title;
    private final StringBinding projectStatus;
    private final StringBinding modelStatus;

    public MainViewModel(Session session) {
        this.session = session;
        title = Bindings.createStringBinding(() -> {
            Project project = session.project();
            return project == null ? "Diagonal" : project.data().name() + " — Diagonal";
        }, session.projectProperty(), session.projectRevisionProperty());
        projectStatus = Bindings.createStringBinding(() -> {
            Project project = session.project();
            return project == null ? "No project open" : "Project: " + project.folder();
        }, session.projectProperty());
        modelStatus = Bindings.createStringBinding(() -> {
            LoadedModel model = session.modelProperty().get();
            return model == null ? "No model loaded" : "Model: " + model.folder().getFileName() + " on " + model.device();
        }, session.modelProperty());
    }

    /** The screen shown. */
    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    /** Shows a screen. */
    public void show(Screen target) {
        screen.set(target);
    }

    public StringBinding titleBinding() {
        return title;
    }

    public StringBinding projectStatusBinding() {
        return projectStatus;
    }

    public StringBinding modelStatusBinding() {
        return modelStatus;
    }

    public Session session() {
        return session;
    }
}
