package dev.diagonal.app.dataset;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Session;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.Sample;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Path;
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
 * The dataset screen: the project's datasets, importing one, its validation report, its samples (all,
 * a split, or a few-shot pick, filtered by text), its class distribution, and split and few-shot settings.
 */
public final class DatasetViewModel {

    private final Session session;
    private final ObservableList<DatasetEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetEntry> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>();
    private final ObservableList<Sample> shown = FXCollections.observableArrayList();
    private final ObjectProperty<SampleFilter> filter = new SimpleObjectProperty<>(SampleFilter.ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty report = new SimpleStringProperty("");
    private final StringProperty shownSummary = new SimpleStringProperty("");
    private final DoubleProperty valFraction = new SimpleDoubleProperty(0.2);
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final IntegerProperty shots = new SimpleIntegerProperty(4);
    private final StringProperty splitSummary = new SimpleStringProperty("");
    private final StringProperty fewShotSummary = new SimpleStringProperty("");
    private final ObjectProperty<DatasetRole> importRole = new SimpleObjectProperty<>(DatasetRole.TRAIN);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final Command importFolder;
    private final Command importManifest;
    private final Command remove;
    private final Command reload;
    private SampleSelection selection;

    public DatasetViewModel(Session session) {
        this.session = session;
        var hasProject = Bindings.isNotNull(session.projectProperty());
        importFolder = new Command(this::chooseFolder, hasProject.and(loading.not()));
        importManifest = new Command(this::chooseManifest, hasProject.and(loading.not()));
        remove = new Command(this::removeSelected, selected.isNotNull().and(loading.not()));
        reload = new Command(() -> load(selected.get(), true), selected.isNotNull().and(loading.not()));
        session.projectProperty().addListener((obs, old, project) -> refreshEntries());
        session.projectRevisionProperty().addListener((obs, old, revision) -> refreshEntries());
        selected.addListener((obs, old, entry) -> {
            if (entry != null && !entry.equals(old)) {
                load(entry, false);
            } else if (entry == null) {
                dataset.set(null);
            }
        });
        dataset.addListener((obs, old, loaded) -> datasetChanged(loaded));
        valFraction.addListener((obs, old, value) -> recompute());
        seed.addListener((obs, old, value) -> recompute());
        shots.addListener((obs, old, value) -> recompute());
        filter.addListener((obs, old, value) -> updateShown());
        search.addListener((obs, old, value) -> updateShown());
        refreshEntries();
    }

    private void refreshEntries() {
        Project project = session.project();
        DatasetEntry current = selected.get();
        entries.setAll(project == null ? List.of() : project.datasets());
        if (current != null && entries.contains(current)) {
            return;
        }
        selected.set(entries.isEmpty() ? null : entries.get(0));
    }

    private void load(DatasetEntry entry, boolean again) {
        Project project = session.project();
        if (project == null || entry == null) {
            return;
        }
        Path path = project.datasetPath(entry);
        loading.set(true);
        progress.set(-1);
        session.tasks().task("Loading dataset " + entry.name(), context -> session.dataset(path, (done, total) -> {
            context.progress(done, total);
            context.message(done + " of " + total + " images checked");
        }, again))
                .quiet()
                .onProgress(progress::set)
                .onSuccess(loaded -> {
                    if (entry.equals(selected.get())) {
                        dataset.set(loaded);
                    }
                })
                .onFailure(error -> {
                    if (entry.equals(selected.get())) {
                        dataset.set(null);
                        report.set("Cannot load " + path + ":\n" + dev.diagonal.app.common.Errors.message(error));
                    }
                })
                .onFinally(() -> loading.set(false))
                .start();
    }

    private void datasetChanged(Dataset loaded) {
        report.set(loaded == null ? "" : loaded.report().summary());
        recompute();
    }

    private void recompute() {
        Dataset loaded = dataset.get();
        selection = loaded == null ? null : SampleSelection.of(loaded, valFraction.get(), seed.get(), shots.get());
        splitSummary.set(selection == null ? "" : selection.splitSummary());
        fewShotSummary.set(selection == null ? "" : selection.fewShotSummary());
        updateShown();
    }

    private void updateShown() {
        List<Sample> result = selection == null ? List.of() : selection.samples(filter.get(), search.get());
        shown.setAll(result);
        shownSummary.set(selection == null ? "" : String.format(Locale.ROOT, "%,d of %,d samples", result.size(),
                selection.dataset().samples().size()));
    }

    /** Imports a folder or manifest into the open project under a fresh name with the chosen role. */
    public void importDataset(Path source) {
        Project project = session.project();
        loading.set(true);
        progress.set(-1);
        session.tasks().task("Importing " + source.getFileName(), context -> session.dataset(source,
                (done, total) -> context.progress(done, total), true))
                .onProgress(progress::set)
                .onSuccess(loaded -> {
                    if (!loaded.report().isUsable()) {
                        session.dialogs().showError("Nothing usable in " + source.getFileName(), loaded.report().summary());
                        return;
                    }
                    String name = uniqueName(project, loaded.name());
                    project.putDataset(name, source, importRole.get());
                    session.projectChanged();
                    project.dataset(name).ifPresent(selected::set);
                })
                .onFinally(() -> loading.set(false))
                .start();
    }

    static String uniqueName(Project project, String base) {
        String name = base;
        for (int i = 2; project.dataset(name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private void chooseFolder() {
        session.dialogs().chooseDirectory("Import an ImageFolder (one subfolder of images per class)",
                session.project().folder()).ifPresent(this::importDataset);
    }

    private void chooseManifest() {
        session.dialogs().chooseFile("Import a manifest", session.project().folder(), "CSV, TSV, JSON Lines",
                List.of("*.csv", "*.tsv", "*.txt", "*.jsonl", "*.ndjson")).ifPresent(this::importDataset);
    }

    private void removeSelected() {
        DatasetEntry entry = selected.get();
        if (session.dialogs().confirm("Remove dataset", "Remove “" + entry.name()
                + "” from the project? Its files stay where they are.")) {
            session.project().removeDataset(entry.name());
            session.projectChanged();
        }
    }

    public ObservableList<DatasetEntry> entries() {
        return entries;
    }

    public ObjectProperty<DatasetEntry> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    /** Class label to sample count of the loaded dataset (empty without labels). */
    public Map<String, Integer> classCounts() {
        return dataset.get() == null ? Map.of() : dataset.get().classCounts();
    }

    public ObservableList<Sample> shown() {
        return shown;
    }

    public ObjectProperty<SampleFilter> filterProperty() {
        return filter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty reportProperty() {
        return report;
    }

    public ReadOnlyStringProperty shownSummaryProperty() {
        return shownSummary;
    }

    public DoubleProperty valFractionProperty() {
        return valFraction;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public IntegerProperty shotsProperty() {
        return shots;
    }

    public ReadOnlyStringProperty splitSummaryProperty() {
        return splitSummary;
    }

    public ReadOnlyStringProperty fewShotSummaryProperty() {
        return fewShotSummary;
    }

    public ObjectProperty<DatasetRole> importRoleProperty() {
        return importRole;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public Command importFolderCommand() {
        return importFolder;
    }

    public Command importManifestCommand() {
        return importManifest;
    }

    public Command removeCommand() {
        return remove;
    }

    public Command reloadCommand() {
        return reload;
    }
}
