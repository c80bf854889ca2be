package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.common.TaskHandle;
import dev.diagonal.eval.LinearProbeRun;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.train.Trainer;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingRequest;
import dev.diagonal.train.TrainingResult;
import dev.diagonal.project.RunStatus;
import dev.diagonal.DiagonalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
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
 * The fine-tune screen: training and validation data of the project, the method and its settings;
 * a run in the background with live loss, evaluations, the probe batch's similarity matrix and
 * warnings; stopping between steps (a stopped contrastive run can be resumed from the Runs screen).
 */
public final class FinetuneViewModel {

    private final Session session;
    private final TrainingForm form = new TrainingForm();
    private final ObservableList<DatasetEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetEntry> train = new SimpleObjectProperty<>();
    private final ObjectProperty<DatasetEntry> val = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty metrics = new SimpleStringProperty("");
    private final ObservableList<TrainingFeed.Step> steps = FXCollections.observableArrayList();
    private final ObservableList<TrainingFeed.Evaluation> evaluations = FXCollections.observableArrayList();
    private final ObjectProperty<SimilaritySnapshot> similarity = new SimpleObjectProperty<>();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final Command start;
    private final Command stop;
    private TaskHandle handle;
    private long totalSteps;

    public FinetuneViewModel(Session session) {
        this.session = session;
        start = new Command(this::start, Bindings.createBooleanBinding(() -> !running.get() && train.get() != null
                && session.project() != null && session.project().modelPath().map(Files::isDirectory).orElse(false),
                running, train, session.projectProperty(), session.projectRevisionProperty()));
        stop = new Command(() -> handle.cancel(), running);
        session.projectProperty().addListener((obs, old, project) -> refreshEntries(true));
        session.projectRevisionProperty().addListener((obs, old, revision) -> refreshEntries(false));
        refreshEntries(true);
    }

    private void refreshEntries(boolean reset) {
        Project project = session.project();
        entries.setAll(project == null ? List.of() : project.datasets());
        if (reset || !entries.contains(train.get())) {
            train.set(first(DatasetRole.TRAIN));
        }
        if (reset || (val.get() != null && !entries.contains(val.get()))) {
            val.set(first(DatasetRole.VAL));
        }
        if (project == null) {
            status.set("Open a project first.");
        } else if (!project.modelPath().map(Files::isDirectory).orElse(false)) {
            status.set("No model yet: choose one on the Model screen (Ctrl+M).");
        } else if (!running.get()) {
            status.set(train.get() == null ? "Import a training dataset first (Dataset screen)." : "Ready.");
        }
    }

    private DatasetEntry first(DatasetRole role) {
        return entries.stream().filter(e -> e.role() == role).findFirst().orElse(null);
    }

    private void start() {
        Project project = session.project();
        TrainingConfig config;
        try {
            config = form.toConfig();
        } catch (RuntimeException e) {
            session.dialogs().showError("Cannot start fine-tuning", e);
            return;
        }
        Path model = project.modelPath().orElseThrow();
        Path trainPath = project.datasetPath(train.get());
        Path valPath = val.get() == null ? null : project.datasetPath(val.get());
        launch("Fine-tuning (" + config.method() + ") on " + train.get().name(), feed -> {
            RunFolder run = RunFolder.create(project.runsPath(), config.method());
            if (TrainingConfig.LINEAR_PROBE.equals(config.method())) {
                LinearProbeRun.Result result = LinearProbeRun.run(new LinearProbeRun.Request(model, trainPath, valPath,
                        run.path(), config.shots(), config.seed(), config.device(), config.batchSize()), feed, feed.cancelled());
                return String.format(Locale.ROOT, "Linear probe done: validation top-1 %s, top-5 %s (C = %s). Run %s.",
                        Formats.percent(result.valTop1()), Formats.percent(result.valTop5()), result.bestC(), run.id());
            }
            return describe(run, Trainer.start(new TrainingRequest(model, trainPath, valPath, run.path(), config), feed, feed.cancelled()));
        });
    }

    /** Continues a stopped or interrupted contrastive run from its last checkpoint, shown live here. */
    public void resume(Path runDir) {
        if (running.get()) {
            session.dialogs().showError("A run is going on", "Stop the current run before resuming another one.");
            return;
        }
        RunFolder run = RunFolder.open(runDir);
        launch("Resuming " + run.id(), feed -> describe(run, Trainer.resume(run, feed, feed.cancelled())));
    }

    private static String describe(RunFolder run, TrainingResult result) {
        if (result.status() == RunStatus.FAILED) {
            throw new DiagonalException("run " + run.id() + " failed at step " + result.step() + ": " + result.message());
        }
        return "Run " + run.id() + " " + result.status().name().toLowerCase(Locale.ROOT) + " at step " + result.step()
                + " of " + result.totalSteps() + (result.best() == null ? "" : "; best " + result.best().name() + " "
                + Formats.number(result.best().value())) + (result.message() == null ? "" : ". " + result.message());
    }

    /** The work of one run, given the feed that carries its reports (and says when to stop). */
    private interface RunWork {
        String run(TrainingFeed feed) throws Exception;
    }

    private void launch(String title, RunWork work) {
        clearLive();
        running.set(true);
        progress.set(-1);
        status.set("Preparing data and model…");
        handle = session.tasks().task(title, context -> work.run(new TrainingFeed(session::onUi, this::show, context::isCancelled)))
                .onSuccess(status::set)
                .onFailure(error -> status.set("Failed: " + Errors.message(error)))
                .onCancelled(() -> status.set("Stopped. A stopped contrastive run resumes from its last checkpoint (Runs screen)."))
                .onFinally(() -> {
                    running.set(false);
                    progress.set(Math.max(0, progress.get()));
                })
                .start();
    }

    private void clearLive() {
        steps.clear();
        evaluations.clear();
        warnings.clear();
        similarity.set(null);
        plan.set("");
        metrics.set("");
        totalSteps = 0;
    }

    /** Applies what the trainer reported since the last update (UI thread). */
    void show(TrainingFeed.Update update) {
        if (update.plan() != null) {
            var p = update.plan();
            totalSteps = p.totalSteps();
            plan.set(String.format(Locale.ROOT, "%s: %d steps (%d epochs, batch %d×%d), %,d training and %,d validation images, "
                    + "%s of %s parameters trained, on %s", p.method(), p.totalSteps(), p.epochs(), p.batchSize(), p.accumulation(),
                    p.trainSamples(), p.valSamples(), Formats.parameters(p.trainableParameters()),
                    Formats.parameters(p.trainableParameters() + p.frozenParameters()), p.device()));
        }
        if (!update.steps().isEmpty()) {
            steps.addAll(update.steps());
            TrainingFeed.Step last = update.steps().get(update.steps().size() - 1);
            progress.set(totalSteps > 0 ? (double) last.step() / totalSteps : -1);
            status.set(String.format(Locale.ROOT, "step %d of %d · loss %.4f · lr %.2e · %.1f img/s%s", last.step(), totalSteps,
                    last.loss(), last.lr(), last.imagesPerSecond(),
                    last.eta().isZero() ? "" : " · about " + Formats.duration(last.eta()) + " left"));
        }
        if (!update.evaluations().isEmpty()) {
            evaluations.addAll(update.evaluations());
            TrainingFeed.Evaluation last = update.evaluations().get(update.evaluations().size() - 1);
            metrics.set("step " + last.step() + ": " + new TreeMap<>(last.metrics()).entrySet().stream()
                    .map(e -> e.getKey() + " " + Formats.number(e.getValue())).collect(Collectors.joining(", ")));
        }
        if (update.similarity() != null) {
            similarity.set(update.similarity());
        }
        warnings.addAll(update.warnings());
    }

    public TrainingForm form() {
        return form;
    }

    public ObservableList<DatasetEntry> entries() {
        return entries;
    }

    public ObjectProperty<DatasetEntry> trainProperty() {
        return train;
    }

    /** The validation set; null splits one off the training data. */
    public ObjectProperty<DatasetEntry> valProperty() {
        return val;
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

    /** What the running run is doing, from its plan. */
    public ReadOnlyStringProperty planProperty() {
        return plan;
    }

    /** The latest evaluation's metrics in one line. */
    public ReadOnlyStringProperty metricsProperty() {
        return metrics;
    }

    public ObservableList<TrainingFeed.Step> steps() {
        return steps;
    }

    public ObservableList<TrainingFeed.Evaluation> evaluations() {
        return evaluations;
    }

    public ReadOnlyObjectProperty<SimilaritySnapshot> similarityProperty() {
        return similarity;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public Command startCommand() {
        return start;
    }

    public Command stopCommand() {
        return stop;
    }
}
