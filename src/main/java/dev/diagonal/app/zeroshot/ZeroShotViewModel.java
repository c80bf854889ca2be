package dev.diagonal.app.zeroshot;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.common.TaskHandle;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Dataset;
import dev.diagonal.eval.ZeroShot;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The zero-shot screen: a labelled dataset of the project, its class names and the prompt templates;
 * running in the background with progress and cancel; top-1/top-5, per-class accuracy, the confusion
 * matrix and the mistakes.
 */
public final class ZeroShotViewModel {

    private final Session session;
    private final ObservableList<DatasetEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetEntry> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ObservableList<String> templates = FXCollections.observableArrayList();
    private final IntegerProperty batchSize = new SimpleIntegerProperty(32);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<ZeroShotOutcome> outcome = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("No results yet.");
    private final ObservableList<ClassRow> perClass = FXCollections.observableArrayList();
    private final ObservableList<Mistake> mistakes = FXCollections.observableArrayList();
    private final Command run;
    private final Command cancel;
    private TaskHandle handle;

    public ZeroShotViewModel(Session session) {
        this.session = session;
        run = new Command(this::run, Bindings.createBooleanBinding(() -> !running.get() && selected.get() != null
                && hasModel() && !templates.isEmpty(),
                running, selected, session.projectProperty(), session.projectRevisionProperty(), templates));
        cancel = new Command(() -> handle.cancel(), running);
        session.projectProperty().addListener((obs, old, project) -> projectChanged(project));
        session.projectRevisionProperty().addListener((obs, old, revision) -> refreshEntries());
        selected.addListener((obs, old, entry) -> loadClasses(entry));
        outcome.addListener((obs, old, value) -> showOutcome(value));
        projectChanged(session.project());
    }

    private void projectChanged(Project project) {
        outcome.set(null);
        status.set(project == null ? "Open a project first." : "");
        templates.setAll(loadTemplates(project));
        selected.set(null);
        refreshEntries();
    }

    private static List<String> loadTemplates(Project project) {
        if (project != null && project.templatesPath().isPresent()) {
            try {
                return CaptionTemplates.load(project.templatesPath().get()).templates();
            } catch (RuntimeException e) {
                return CaptionTemplates.defaults().templates();
            }
        }
        return CaptionTemplates.defaults().templates();
    }

    private void refreshEntries() {
        Project project = session.project();
        entries.setAll(project == null ? List.of() : project.datasets());
        if (selected.get() == null || !entries.contains(selected.get())) {
            selected.set(preferred(entries));
        }
    }

    /** The dataset to evaluate on by default: an eval set, else test, else shift, else validation, else the first. */
    static DatasetEntry preferred(List<DatasetEntry> datasets) {
        for (DatasetRole role : List.of(DatasetRole.EVAL, DatasetRole.TEST, DatasetRole.SHIFT, DatasetRole.VAL, DatasetRole.TRAIN)) {
            for (DatasetEntry entry : datasets) {
                if (entry.role() == role) {
                    return entry;
                }
            }
        }
        return null;
    }

    private void loadClasses(DatasetEntry entry) {
        classNames.clear();
        Project project = session.project();
        if (entry == null || project == null) {
            return;
        }
        session.tasks().task("Loading dataset " + entry.name(),
                context -> session.dataset(project.datasetPath(entry), (done, total) -> context.progress(done, total), false))
                .quiet()
                .onSuccess(dataset -> {
                    if (entry.equals(selected.get())) {
                        classNames.setAll(promptNames(dataset.classes()));
                        status.set(describe(dataset));
                    }
                })
                .start();
    }

    private String describe(Dataset dataset) {
        if (!dataset.hasLabels()) {
            return "This dataset has no labels: zero-shot needs a class per image.";
        }
        String counts = String.format(Locale.ROOT, "%,d images in %d classes", dataset.samples().size(), dataset.classes().size());
        return hasModel() ? counts : counts + ". No model yet: choose one on the Model screen (Ctrl+M).";
    }

    /** Whether the open project's model folder is there. */
    private boolean hasModel() {
        Project project = session.project();
        return project != null && project.modelPath().map(java.nio.file.Files::isDirectory).orElse(false);
    }

    /** The prompt name of each label ({@code golden_retriever} → {@code golden retriever}). */
    static List<String> promptNames(List<String> labels) {
        return labels.stream().map(CaptionTemplates::className).toList();
    }

    private void run() {
        Project project = session.project();
        DatasetEntry entry = selected.get();
        CaptionTemplates prompts;
        try {
            prompts = CaptionTemplates.of(List.copyOf(templates));
        } catch (RuntimeException e) {
            session.dialogs().showError("Cannot run zero-shot", e);
            return;
        }
        ZeroShotJob job = new ZeroShotJob(session, project.modelPath().orElseThrow(), project.datasetPath(entry),
                classNames.isEmpty() ? null : List.copyOf(classNames), prompts.templates(), Math.max(1, batchSize.get()));
        running.set(true);
        progress.set(-1);
        status.set("Starting…");
        handle = session.tasks().task("Zero-shot on " + entry.name(), job::run)
                .onProgress(progress::set)
                .onMessage(text -> status.set(text == null || text.isEmpty() ? "" : capitalised(text) + "…"))
                .onSuccess(outcome::set)
                .onFailure(error -> status.set("Failed: " + dev.diagonal.app.common.Errors.message(error)))
                .onCancelled(() -> status.set("Cancelled."))
                .onFinally(() -> running.set(false))
                .start();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void showOutcome(ZeroShotOutcome value) {
        perClass.clear();
        mistakes.clear();
        if (value == null) {
            summary.set("No results yet.");
            return;
        }
        ZeroShot.Result result = value.result();
        summary.set(String.format(Locale.ROOT, "top-1 %s   top-5 %s", Formats.percent(result.top1()), Formats.percent(result.top5())));
        status.set(String.format(Locale.ROOT, "%s: %,d images, %d classes, %d templates, on %s in %s",
                value.dataset(), value.images().size(), result.classes().size(), templates.size(), value.device(),
                Formats.duration(value.elapsed())));
        for (Map.Entry<String, ZeroShot.ClassStats> entry : result.perClass().entrySet()) {
            ZeroShot.ClassStats stats = entry.getValue();
            perClass.add(new ClassRow(entry.getKey(), stats.count(), stats.top1(), stats.top5()));
        }
        List<Mistake> wrong = new ArrayList<>();
        for (int i = 0; i < result.predictions().size(); i++) {
            ZeroShot.Prediction prediction = result.predictions().get(i);
            if (!prediction.label().equals(prediction.predicted())) {
                wrong.add(new Mistake(value.images().get(i), prediction.label(), prediction.predicted(), prediction.score()));
            }
        }
        wrong.sort(Comparator.comparingDouble(Mistake::score).reversed());
        mistakes.setAll(wrong);
    }

    public ObservableList<DatasetEntry> entries() {
        return entries;
    }

    public ObjectProperty<DatasetEntry> selectedProperty() {
        return selected;
    }

    /** Prompt names aligned with the dataset's classes; editable. */
    public ObservableList<String> classNames() {
        return classNames;
    }

    /** The prompt templates, each with {@code {}}; editable. */
    public ObservableList<String> templates() {
        return templates;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<ZeroShotOutcome> outcomeProperty() {
        return outcome;
    }

    /** "top-1 … top-5 …" of the last run. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ObservableList<ClassRow> perClass() {
        return perClass;
    }

    /** Misclassified images, most confident first. */
    public ObservableList<Mistake> mistakes() {
        return mistakes;
    }

    public Command runCommand() {
        return run;
    }

    public Command cancelCommand() {
        return cancel;
    }
}
