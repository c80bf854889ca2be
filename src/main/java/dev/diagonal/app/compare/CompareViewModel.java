package dev.diagonal.app.compare;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.common.TaskContext;
import dev.diagonal.app.common.TaskHandle;
import dev.diagonal.compare.Cell;
import dev.diagonal.compare.ChartPoint;
import dev.diagonal.compare.CellRow;
import dev.diagonal.compare.CompareListener;
import dev.diagonal.compare.CompareSpec;
import dev.diagonal.compare.Comparison;
import dev.diagonal.compare.ComparisonFiles;
import dev.diagonal.compare.Summary;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Compare screen: the {@link CompareForm}, a {@link Comparison} run in the background with progress (cells
 * done of all, ETA) and cancel, the summary (mean ± std over seeds) filled as cells finish, and the two charts
 * the comparison writes. Starting again with the same folder continues it: finished cells are not redone.
 * A finished cell's row, or its point on the ID-vs-OOD chart, opens that cell's run on the Fine-tune screen.
 */
public final class CompareViewModel {

    private final Session session;
    private final CompareForm form = new CompareForm();
    private final ObservableList<CellRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Summary> summary = FXCollections.observableArrayList();
    private final ObservableList<String> shiftNames = FXCollections.observableArrayList();
    private final ObjectProperty<Path> fewShotChart = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> idVsOodChart = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final Command start;
    private final Command cancel;
    private final Command open;
    private final Command fresh;
    private final Consumer<Path> runShower;
    private Path shownFolder;
    private List<ChartPoint> points = List.of();
    private TaskHandle handle;

    /** @param runShower shows a cell's run folder (on the Fine-tune screen) */
    public CompareViewModel(Session session, Consumer<Path> runShower) {
        this.session = session;
        this.runShower = runShower;
        start = new Command(this::start, Bindings.createBooleanBinding(() -> !running.get() && session.project() != null,
                running, session.projectProperty()));
        cancel = new Command(() -> handle.cancel(), running);
        open = new Command(this::chooseAndOpen, Bindings.createBooleanBinding(() -> !running.get() && session.project() != null,
                running, session.projectProperty()));
        fresh = new Command(() -> reset(session.project()), Bindings.createBooleanBinding(
                () -> !running.get() && session.project() != null, running, session.projectProperty()));
        session.projectProperty().addListener((obs, old, project) -> projectChanged(project));
        session.projectRevisionProperty().addListener((obs, old, revision) -> form.refresh(session.project()));
        projectChanged(session.project());
    }

    /** A project was opened: the form starts from it, showing its newest comparison if it has one. */
    private void projectChanged(Project project) {
        reset(project);
        if (project != null) {
            ComparisonFiles.newestIn(project.folder().resolve(CompareForm.FOLDER)).ifPresent(this::open);
        }
    }

    private void reset(Project project) {
        form.fill(project);
        showRows(List.of());
        showCharts(null);
        problem.set("");
        status.set(project == null ? "Open a project first." : "");
    }

    private void start() {
        Project project = session.project();
        CompareSpec spec;
        try {
            spec = form.toSpec(project.templatesPath().orElse(null));
        } catch (DiagonalException e) {
            problem.set(e.getMessage());
            return;
        }
        problem.set("");
        int total = spec.cells().size();
        showRows(List.of());
        showCharts(null);
        running.set(true);
        progress.set(0);
        status.set("Starting " + total + " cells…");
        shownFolder = spec.out();
        handle = session.tasks().task("Compare into " + spec.out().getFileName(),
                        context -> new Comparison(spec, listener(context), context::isCancelled).run())
                .onProgress(progress::set)
                .onMessage(text -> status.set(text == null ? "" : text))
                .onSuccess(outcome -> status.set(String.format(Locale.ROOT, "%d cells (%d run now, %d done earlier) in %s",
                        total, outcome.ran(), outcome.skipped(), spec.out())))
                .onFailure(error -> status.set("Failed: " + Errors.message(error)))
                .onCancelled(() -> status.set(String.format(Locale.ROOT,
                        "Cancelled: %d of %d cells finished. Start again with the same folder to finish the rest.", rows.size(), total)))
                .onFinally(() -> {
                    running.set(false);
                    showCharts(spec.out());
                })
                .start();
    }

    /** Hears the comparison on its thread and passes rows to the UI thread; progress and status go through the task. */
    private CompareListener listener(TaskContext context) {
        return new CompareListener() {
            @Override
            public void onCellStart(int index, int total, Cell cell, Duration eta) {
                context.progress(index - 1, total);
                context.message(String.format(Locale.ROOT, "Cell %d of %d: %s · %s", index, total, cell.label(),
                        eta == null ? "ETA after the first cell" : "ETA " + Formats.duration(eta)));
            }

            @Override
            public void onCellSkipped(int index, int total, CellRow row) {
                context.progress(index, total);
                session.onUi(() -> addRow(row));
            }

            @Override
            public void onCellDone(int index, int total, CellRow row) {
                context.progress(index, total);
                session.onUi(() -> addRow(row));
            }
        };
    }

    private void chooseAndOpen() {
        Path parent = session.project().folder().resolve(CompareForm.FOLDER);
        session.dialogs().chooseDirectory("Open a comparison folder", Files.isDirectory(parent) ? parent : session.project().folder())
                .ifPresent(this::open);
    }

    /**
     * Shows the comparison in {@code folder} (its rows and charts) and makes it the form's folder, with its methods,
     * shots and seeds, so that Start continues it.
     */
    public void open(Path folder) {
        List<CellRow> found;
        try {
            found = ComparisonFiles.readRows(folder);
        } catch (DiagonalException e) {
            session.dialogs().showError("Cannot open the comparison", e);
            return;
        }
        if (found.isEmpty()) {
            session.dialogs().showError("Cannot open the comparison", "No " + ComparisonFiles.JSON_FILE + " with rows in " + folder);
            return;
        }
        showRows(found);
        shownFolder = folder;
        showCharts(folder);
        form.outProperty().set(folder.toString());
        CompareForm.METHODS.forEach(m -> form.methodProperty(m).set(found.stream().anyMatch(r -> r.method().equals(m))));
        form.shotsProperty().set(found.stream().filter(r -> r.shots() > 0).map(CellRow::shots)
                .collect(Collectors.toCollection(TreeSet::new)).stream().map(String::valueOf).collect(Collectors.joining(",")));
        form.seedsProperty().set((int) found.stream().mapToLong(CellRow::seed).max().orElse(0) + 1);
        problem.set("");
        status.set(String.format(Locale.ROOT, "%s: %d finished cells. Start continues it.", folder, found.size()));
    }

    private void addRow(CellRow row) {
        rows.add(row);
        summary.setAll(Summary.of(rows));
        for (String name : row.shiftTop1().keySet()) {
            if (!shiftNames.contains(name)) {
                shiftNames.add(name);
            }
        }
    }

    private void showRows(List<CellRow> shown) {
        rows.clear();
        summary.clear();
        shiftNames.clear();
        shown.forEach(this::addRow);
    }

    /** The charts in {@code folder}, or none; reset first so a redrawn file is read again. */
    private void showCharts(Path folder) {
        fewShotChart.set(null);
        idVsOodChart.set(null);
        points = folder == null ? List.of() : ComparisonFiles.readPoints(folder);
        if (folder != null) {
            fewShotChart.set(existing(folder.resolve(ComparisonFiles.FEW_SHOT_PNG)));
            idVsOodChart.set(existing(folder.resolve(ComparisonFiles.ID_VS_OOD_PNG)));
        }
    }

    /** The finished cell whose point on the ID-vs-OOD chart is at ({@code x}, {@code y}) in the image's pixels. */
    public Optional<CellRow> cellAt(double x, double y) {
        return ChartPoint.at(points, x, y).flatMap(p -> rows.stream().filter(r -> r.cell().name().equals(p.cell())).findFirst());
    }

    /** Opens a finished cell's run on the Fine-tune screen, or says why it cannot. */
    public void showRun(CellRow row) {
        if (row.run() == null || shownFolder == null) {
            status.set("Zero-shot is the base model itself: it has no run to open.");
            return;
        }
        Path runDir = shownFolder.resolve(row.run());
        if (!Files.isRegularFile(runDir.resolve(RunFolder.RUN_JSON))) {
            session.dialogs().showError("Cannot open the run", runDir + " has no " + RunFolder.RUN_JSON
                    + " (was the comparison copied without its runs folder?)");
            return;
        }
        runShower.accept(runDir);
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    public CompareForm form() {
        return form;
    }

    /** The finished cells' rows, in the order they finished (or were found finished). */
    public ObservableList<CellRow> rows() {
        return rows;
    }

    /** Mean ± std over the seeds per method and shots, refreshed with every row. */
    public ObservableList<Summary> summary() {
        return summary;
    }

    /** The shift sets the rows are scored on, in order: one column each. */
    public ObservableList<String> shiftNames() {
        return shiftNames;
    }

    /** {@code few-shot.png} once written, else null. */
    public ReadOnlyObjectProperty<Path> fewShotChartProperty() {
        return fewShotChart;
    }

    /** {@code id-vs-ood.png} once written (there are shift sets), else null. */
    public ReadOnlyObjectProperty<Path> idVsOodChartProperty() {
        return idVsOodChart;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** Cells done of all, in [0, 1]. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** What is wrong with the form, in its own words; empty when nothing is. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public Command startCommand() {
        return start;
    }

    public Command cancelCommand() {
        return cancel;
    }

    /** Clears the results and resets the form to a new comparison folder. */
    public Command newCommand() {
        return fresh;
    }

    /** Opens an earlier comparison folder. */
    public Command openCommand() {
        return open;
    }
}
