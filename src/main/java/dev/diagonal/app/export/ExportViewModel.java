package dev.diagonal.app.export;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Session;
import dev.diagonal.eval.ModelSource;
import dev.diagonal.io.HfExport;
import dev.diagonal.io.TensorDType;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The export screen: a run of the project (its {@code best/} model, or its latest checkpoint when asked or when
 * there is no {@code best/}) written as an HF model folder that transformers and Diagonal load; then, if
 * wanted, made the project's model.
 */
public final class ExportViewModel {

    /** The weight types an export can have. */
    public static final List<String> DTYPES = List.of("f32", "f16");

    private final Session session;
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunSummary> run = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
    private final StringProperty dtype = new SimpleStringProperty("f32");
    private final BooleanProperty replace = new SimpleBooleanProperty();
    private final BooleanProperty latest = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty report = new SimpleStringProperty("");
    private final ObjectProperty<Path> exported = new SimpleObjectProperty<>();
    private final Command chooseTarget = new Command(this::chooseTarget);
    private final Command export;
    private final Command useAsModel;

    public ExportViewModel(Session session) {
        this.session = session;
        export = new Command(this::export, Bindings.createBooleanBinding(
                () -> run.get() != null && target.get() != null && !busy.get(), run, target, busy));
        useAsModel = new Command(this::useAsModel, exported.isNotNull().and(busy.not()));
        run.addListener((obs, old, chosen) -> runChosen(chosen));
        latest.addListener((obs, old, now) -> runChosen(run.get()));
        session.projectProperty().addListener((obs, old, project) -> refresh());
        refresh();
    }

    /** Re-reads the project's runs (background). */
    public void refresh() {
        Project project = session.project();
        if (project == null) {
            runs.clear();
            return;
        }
        String keep = run.get() == null ? null : run.get().id();
        session.tasks().task("Reading runs", context -> project.runs().list()).quiet().onSuccess(list -> {
            runs.setAll(list);
            run.set(list.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(list.isEmpty() ? null : list.get(0)));
            if (list.isEmpty()) {
                runChosen(null); // no change of run to say so
            }
        }).start();
    }

    private void runChosen(RunSummary chosen) {
        exported.set(null);
        report.set("");
        Project project = session.project();
        if (chosen == null || project == null) {
            source.set(runs.isEmpty() ? "No runs yet: fine-tune first (Fine-tune screen)." : "");
            return;
        }
        target.set(project.folder().resolve("exports").resolve(chosen.id()));
        boolean atEnd = latest.get();
        session.tasks().task("Finding the model of " + chosen.id(), context -> {
            try {
                return "Exports " + ModelSource.resolve(chosen.path(), atEnd).description() + ".";
            } catch (dev.diagonal.DiagonalException e) {
                return "Nothing to export: " + e.getMessage() + "."; // a state of the run, not a failure
            }
        }).quiet().onSuccess(source::set).start();
    }

    private void chooseTarget() {
        session.dialogs().chooseDirectory("Export to an empty folder", target.get()).ifPresent(target::set);
    }

    private void export() {
        RunSummary chosen = run.get();
        Path out = target.get();
        TensorDType type = "f16".equals(dtype.get()) ? TensorDType.F16 : TensorDType.F32;
        boolean force = replace.get();
        boolean atEnd = latest.get();
        busy.set(true);
        progress.set(0);
        session.tasks().task("Exporting " + chosen.id(), context -> {
            ModelSource model = ModelSource.resolve(chosen.path(), atEnd);
            return HfExport.export(model.weights(), model.assets(), out, new HfExport.Options(type, force, (stage, done, total) -> {
                context.progress(done, total);
                context.message(stage);
            }));
        })
                .onProgress(progress::set)
                .onSuccess(written -> {
                    exported.set(written.out());
                    report.set(String.format(Locale.ROOT, "Wrote %s: %d tensors, %s parameters (%s); files %s%s.",
                            written.out(), written.tensors(), Formats.count(written.parameters()), type,
                            String.join(", ", written.files()),
                            written.preprocessorDefaults() ? "; preprocessor_config.json from CLIP defaults" : ""));
                })
                .onFinally(() -> busy.set(false))
                .start();
    }

    private void useAsModel() {
        Project project = session.project();
        project.setModel(exported.get());
        session.projectChanged();
        report.set(report.get() + "\nIt is now the project's model.");
    }

    public ObservableList<RunSummary> runs() {
        return runs;
    }

    public ObjectProperty<RunSummary> runProperty() {
        return run;
    }

    /** The folder to write (absent or empty, unless replacing). */
    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    /** {@code f32} or {@code f16}. */
    public StringProperty dtypeProperty() {
        return dtype;
    }

    /** Whether a non-empty target folder may be replaced. */
    public BooleanProperty replaceProperty() {
        return replace;
    }

    /** Whether to export the weights at the end of training (the latest checkpoint) instead of {@code best/}. */
    public BooleanProperty latestProperty() {
        return latest;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** Which folder of the run is exported (best/, or a checkpoint), or why there is none. */
    public ReadOnlyStringProperty sourceProperty() {
        return source;
    }

    /** What the last export wrote. */
    public ReadOnlyStringProperty reportProperty() {
        return report;
    }

    public Command chooseTargetCommand() {
        return chooseTarget;
    }

    public Command exportCommand() {
        return export;
    }

    public Command useAsModelCommand() {
        return useAsModel;
    }
}
