package dev.diagonal.app.runs;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Session;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStore;
import dev.diagonal.train.Method;
import dev.diagonal.train.Methods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The runs screen: the project's run history; curves of one metric for the selected runs, overlaid;
 * opening a run's folder; deleting runs after a confirmation.
 */
public final class RunsViewModel {

    private final Session session;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRow> selection = FXCollections.observableArrayList();
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final StringProperty metric = new SimpleStringProperty();
    private final ObservableList<Curve> curves = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final Map<String, List<RunEvent>> events = new LinkedHashMap<>();
    private final Command refresh;
    private final Command openFolder;
    private final Command delete;
    private final Command resume;
    private final Command show;

    /**
     * The runs screen of a session; {@code resumer} continues a stopped contrastive run and {@code shower}
     * shows a run on the fine-tune screen (replayed, or followed live while another process writes it).
     */
    public RunsViewModel(Session session, java.util.function.Consumer<java.nio.file.Path> resumer,
            java.util.function.Consumer<java.nio.file.Path> shower) {
        this.session = session;
        show = new Command(() -> shower.accept(selection.get(0).summary().path()), Bindings.createBooleanBinding(
                () -> selection.size() == 1 && selection.get(0).summary().readable(), selection));
        resume = new Command(() -> resumer.accept(selection.get(0).summary().path()), Bindings.createBooleanBinding(
                () -> selection.size() == 1 && isResumable(selection.get(0).summary()), selection));
        refresh = new Command(this::refresh, Bindings.isNotNull(session.projectProperty()));
        openFolder = new Command(this::openFolder, Bindings.size(selection).isEqualTo(1));
        delete = new Command(this::deleteSelected, Bindings.isNotEmpty(selection));
        session.projectProperty().addListener((obs, old, project) -> refresh());
        selection.addListener((ListChangeListener<RunRow>) change -> readSelected());
        metric.addListener((obs, old, name) -> updateCurves());
        refresh();
    }

    /** Re-reads the run history in the background. */
    public void refresh() {
        Project project = session.project();
        if (project == null) {
            runs.clear();
            status.set("Open a project first.");
            return;
        }
        RunStore store = project.runs();
        session.tasks().task("Reading runs", context -> store.list()).quiet()
                .onSuccess(list -> {
                    Set<String> keep = selection.stream().map(RunRow::id).collect(Collectors.toSet());
                    events.clear();
                    runs.setAll(list.stream().map(RunRow::new).toList());
                    List<RunRow> kept = runs.stream().filter(r -> keep.contains(r.id())).toList();
                    // with nothing chosen, show the newest run's curves
                    selection.setAll(kept.isEmpty() && !runs.isEmpty() ? List.of(runs.get(0)) : kept);
                    status.set(list.isEmpty() ? "No runs yet in " + store.runsDir()
                            + ". Start one on the Fine-tune screen (Ctrl+5)."
                            : list.size() + (list.size() == 1 ? " run" : " runs") + " in " + store.runsDir());
                })
                .start();
    }

    private void readSelected() {
        List<RunRow> chosen = List.copyOf(selection);
        List<RunRow> missing = chosen.stream().filter(r -> !events.containsKey(r.id())).toList();
        if (missing.isEmpty()) {
            updateMetrics();
            return;
        }
        session.tasks().task("Reading metrics", context -> {
            Map<String, List<RunEvent>> read = new LinkedHashMap<>();
            for (RunRow row : missing) {
                java.nio.file.Path folder = row.summary().path();
                read.put(row.id(), java.nio.file.Files.isDirectory(folder) ? RunFolder.open(folder).readEvents() : List.of());
            }
            return read;
        }).quiet().onSuccess(read -> {
            events.putAll(read);
            updateMetrics();
        }).start();
    }

    private void updateMetrics() {
        Set<String> names = new LinkedHashSet<>();
        for (RunRow row : selection) {
            names.addAll(Curve.metricNames(events.getOrDefault(row.id(), List.of())));
        }
        String current = metric.get();
        metrics.setAll(names);
        if (current == null || !names.contains(current)) {
            // without a loss (the probe, Tip-Adapter), a validation top-1 tells most about the run
            metric.set(names.contains("loss") ? "loss" : names.stream().filter(n -> n.endsWith("val_top1")).findFirst()
                    .orElse(names.stream().findFirst().orElse(null)));
        }
        updateCurves();
    }

    private void updateCurves() {
        List<Curve> result = new ArrayList<>();
        String name = metric.get();
        if (name != null) {
            for (RunRow row : selection) {
                Curve curve = Curve.of(row.id(), name, events.getOrDefault(row.id(), List.of()));
                if (curve.size() > 0) {
                    result.add(curve);
                }
            }
        }
        curves.setAll(result);
    }

    /** Whether a run can continue: a run of a resumable method (contrastive, LoRA) that stopped, crashed or failed. */
    static boolean isResumable(dev.diagonal.project.RunSummary run) {
        return run.method() != null && Methods.find(run.method()).map(Method::resumable).orElse(false) && run.readable() && run.status() != dev.diagonal.project.RunStatus.COMPLETED
                && !run.isLive();
    }

    private void openFolder() {
        session.dialogs().openFolder(selection.get(0).summary().path());
    }

    private void deleteSelected() {
        List<String> ids = selection.stream().map(RunRow::id).toList();
        String question = ids.size() == 1 ? "Delete run " + ids.get(0) + " with all its files?"
                : "Delete these " + ids.size() + " runs with all their files?\n" + String.join("\n", ids);
        if (!session.dialogs().confirm("Delete runs", question)) {
            return;
        }
        RunStore store = session.project().runs();
        session.tasks().task("Deleting " + (ids.size() == 1 ? "run " + ids.get(0) : ids.size() + " runs"), context -> {
            for (String id : ids) {
                context.checkCancelled();
                store.delete(id);
            }
            return ids.size();
        }).onFinally(() -> {
            selection.clear();
            refresh();
        }).start();
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    /** The runs chosen in the table; the view keeps it in step with the table's selection. */
    public ObservableList<RunRow> selection() {
        return selection;
    }

    public ObservableList<String> metrics() {
        return metrics;
    }

    public StringProperty metricProperty() {
        return metric;
    }

    public ObservableList<Curve> curves() {
        return curves;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public Command refreshCommand() {
        return refresh;
    }

    public Command openFolderCommand() {
        return openFolder;
    }

    public Command resumeCommand() {
        return resume;
    }

    /** Shows the selected run on the fine-tune screen: its curves and similarity snapshots, live while it runs. */
    public Command showCommand() {
        return show;
    }

    public Command deleteCommand() {
        return delete;
    }
}
