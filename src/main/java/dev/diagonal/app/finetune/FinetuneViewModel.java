package dev.diagonal.app.finetune;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.common.TaskHandle;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.RunSummary;
import dev.diagonal.train.FineTuning;
import dev.diagonal.train.RunDestination;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingRequest;
import dev.diagonal.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The fine-tune screen: training and validation data of the project, the method and its settings;
 * a run in the background with live loss, evaluations, the probe batch's similarity matrix (every
 * snapshot kept for replay) and warnings; stopping between steps (a stopped contrastive run can be
 * resumed from the Runs screen). With no run of its own going on, it shows the project's newest run:
 * replayed when it has ended, followed live when another process is writing it.
 */
public final class FinetuneViewModel {

    // on 2 CPU cores with software rendering, the UI's heaviest frames (a run's start, a new similarity
    // snapshot) waited for a CPU while training ran; with the trainer pausing 250 ms at the start and
    // after each snapshot (and the heatmap's first draw warmed up), the UI benchmark's longest stall
    // was 53-105 ms in nine of ten runs (368 ms in one, at Start) against 74-161 ms (median 123) for the
    // build before, interleaved
    private static final Duration UI_BREATH = Duration.ofMillis(250);

    private final Session session;
    private final TrainingForm form = new TrainingForm();
    private final ObservableList<DatasetEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetEntry> train = new SimpleObjectProperty<>();
    private final ObjectProperty<DatasetEntry> val = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final RunDisplay display = new RunDisplay();
    private final HeatmapViewModel heatmap;
    private final WiseFtControl wiseFt;
    private final Command start;
    private final Command stop;
    private final dev.diagonal.app.handoff.ClusterJobExport clusterJob;
    private TaskHandle handle;
    private Duration pollInterval = Duration.ofSeconds(1);

    public FinetuneViewModel(Session session) {
        this.session = session;
        heatmap = new HeatmapViewModel(display.replay(), session);
        wiseFt = new WiseFtControl(session, display.replay());
        start = new Command(this::start, Bindings.createBooleanBinding(() -> !running.get() && train.get() != null
                && session.project() != null && session.project().modelPath().map(Files::isDirectory).orElse(false),
                running, train, session.projectProperty(), session.projectRevisionProperty()));
        stop = new Command(() -> handle.cancel(), running);
        clusterJob = new dev.diagonal.app.handoff.ClusterJobExport(session, this);
        session.projectProperty().addListener((obs, old, project) -> {
            if (!running.get()) {
                display.clear("");
            }
            refreshEntries(true);
            showLatestRun();
        });
        session.projectRevisionProperty().addListener((obs, old, revision) -> refreshEntries(false));
        refreshEntries(true);
        showLatestRun();
    }

    private void refreshEntries(boolean reset) {
        Project project = session.project();
        // test and shift sets are only ever scored: they are not offered for training or validation
        entries.setAll(project == null ? List.of()
                : project.datasets().stream().filter(entry -> !entry.role().heldOut()).toList());
        if (reset || !entries.contains(train.get())) {
            train.set(first(DatasetRole.TRAIN));
        }
        if (reset || (val.get() != null && !entries.contains(val.get()))) {
            val.set(first(DatasetRole.VAL));
        }
        if (project == null) {
            display.setStatus("Open a project first.");
        } else if (!project.modelPath().map(Files::isDirectory).orElse(false)) {
            display.setStatus("No model yet: choose one on the Model screen (Ctrl+M).");
        } else if (!running.get()) {
            display.setStatus(train.get() == null ? "Import a training dataset first (Dataset screen)." : "Ready.");
        }
    }

    private DatasetEntry first(DatasetRole role) {
        return entries.stream().filter(e -> e.role() == role).findFirst().orElse(null);
    }

    private void start() {
        Project project = session.project();
        TrainingConfig config;
        try {
            List<String> templates = !form.captionTemplatesProperty().get() ? List.of()
                    : CaptionTemplates.loadOrDefaults(project.templatesPath()).templates();
            config = form.toConfig(templates);
        } catch (RuntimeException e) {
            session.dialogs().showError("Cannot start fine-tuning", e);
            return;
        }
        Path model = project.modelPath().orElseThrow();
        Path trainPath = project.datasetPath(train.get());
        Path valPath = val.get() == null ? null : project.datasetPath(val.get());
        TrainingRequest request = new TrainingRequest(model, trainPath, valPath, config);
        display.setMethod(config.method());
        // the methods without a training loop report no plan; the contrastive loop's replaces this one
        String plan = config.method() + " on " + train.get().name() + ", validation: "
                + (val.get() == null ? "split off the training data" : val.get().name());
        launch("Fine-tuning (" + config.method() + ") on " + train.get().name(), plan, feed ->
                FineTuning.start(RunDestination.newIn(project.runsPath()), request, feed, feed.cancelled()));
    }

    /** Continues a stopped or interrupted contrastive or LoRA run from its last checkpoint, shown live here. */
    public void resume(Path runDir) {
        if (running.get()) {
            session.dialogs().showError("A run is going on", "Stop the current run before resuming another one.");
            return;
        }
        RunFolder run = RunFolder.open(runDir);
        display.setMethod(null); // only methods that train the model resume, and they all take snapshots
        launch("Resuming " + run.id(), "", feed -> FineTuning.resume(run, feed, feed.cancelled()));
    }

    private static String describe(TrainingResult result) {
        String id = result.runDir().getFileName().toString();
        if (result.status() == RunStatus.FAILED) {
            throw new DiagonalException("run " + id + " failed at step " + result.step() + ": " + result.message());
        }
        if (result.summary() != null && result.status() == RunStatus.COMPLETED) {
            return "Run " + id + " (" + result.method() + ") completed: " + result.summary() + ".";
        }
        return "Run " + id + " " + result.status().name().toLowerCase(Locale.ROOT) + " at step " + result.step()
                + " of " + result.totalSteps() + RunFollower.bestPart(result.best())
                + (result.message() == null ? "" : ". " + result.message());
    }

    /** The work of one run, given the feed that carries its reports (and says when to stop). */
    private interface RunWork {
        TrainingResult run(TrainingFeed feed) throws Exception;
    }

    /** How a run of this screen ended, in a sentence; {@code completed} fills the progress bar. */
    private record Outcome(String text, boolean completed, Path runDir, String method) {}

    private void launch(String title, String plan, RunWork work) {
        wiseFt.setRun(null, null, false);
        display.clear("");
        display.setPlan(plan);
        running.set(true);
        display.setProgress(-1);
        display.setStatus("Preparing data and model…");
        handle = session.tasks().task(title, context -> {
            TrainingFeed feed = new TrainingFeed(session::onUi, display::show, context::isCancelled, UI_BREATH);
            feed.breathe(); // the screen draws the run's start before loading the model competes with it
            TrainingResult result = work.run(feed);
            return new Outcome(describe(result), result.status() == RunStatus.COMPLETED, result.runDir(), result.method());
        })
                .onSuccess(outcome -> {
                    display.setStatus(outcome.text());
                    if (outcome.completed()) {
                        display.setProgress(1); // the methods without a training loop report no steps to fill it
                    }
                    wiseFt.setRun(outcome.runDir(), outcome.method(), outcome.completed());
                })
                .onFailure(error -> display.setStatus("Failed: " + Errors.message(error)))
                .onCancelled(() -> display.setStatus("Stopped. A stopped contrastive or LoRA run resumes from its last checkpoint (Runs screen)."))
                .onFinally(this::ended)
                .start();
    }

    private void ended() {
        running.set(false);
        display.setProgress(Math.max(0, display.progressProperty().get()));
    }

    /** Shows the project's newest run when nothing runs here: followed live if another process writes it. */
    private void showLatestRun() {
        Project project = session.project();
        if (project != null && !running.get()) {
            session.tasks().task("Reading the latest run", context -> project.runs().latest()).quiet()
                    .onSuccess(latest -> latest.filter(run -> run.readable() && !running.get()).ifPresent(run -> open(run.path())))
                    .start();
        }
    }

    /**
     * Follows a run that another process is writing into the project's runs folder (say {@code diagonal
     * finetune --out <project>/runs/x}), if there is one and nothing runs here.
     */
    public void followLiveRun() {
        Project project = session.project();
        if (project != null && !running.get()) {
            session.tasks().task("Looking for live runs", context -> project.runs().list().stream()
                    .filter(run -> run.status() == RunStatus.RUNNING).findFirst()).quiet()
                    .onSuccess(live -> live.filter(run -> !running.get()).ifPresent(run -> open(run.path())))
                    .start();
        }
    }

    /**
     * Shows a run of the project here: one that has ended is replayed (curves, every similarity snapshot);
     * one that another process is writing (e.g. {@code diagonal finetune --out}) is followed live,
     * polling its files, until it ends or Stop is pressed (which stops following, not the run).
     */
    public void open(Path runDir) {
        if (running.get()) {
            session.dialogs().showError("A run is going on", "Stop the current run (or stop following it) before showing another one.");
            return;
        }
        RunFollower follower = new RunFollower(RunFolder.open(runDir));
        String id = follower.run().id();
        boolean live = follower.run().lockState() != RunLock.State.FREE;
        display.clear(live ? "Following run " + id + " of another process: " : "");
        display.setMethod(null);
        wiseFt.setRun(null, null, false);
        String[] method = {null};
        running.set(true);
        display.setProgress(-1);
        display.setStatus((live ? "Following run " : "Reading run ") + id + "…");
        var spec = session.tasks().task((live ? "Following run " : "Reading run ") + id, context -> {
            String plan = follower.describe();
            method[0] = follower.method();
            session.onUi(() -> {
                display.setPlan(plan);
                display.setMethod(method[0]);
            });
            return follower.follow(update -> session.onUi(() -> display.show(update)), pollInterval, context);
        });
        handle = (live ? spec : spec.quiet())
                .onSuccess(text -> {
                    display.setStatus(text);
                    display.setProgress(follower.status() == RunStatus.COMPLETED ? 1 : 0);
                    wiseFt.setRun(runDir, method[0], follower.status() == RunStatus.COMPLETED);
                })
                .onFailure(error -> display.setStatus("Cannot read run " + id + ": " + Errors.message(error)))
                .onCancelled(() -> display.setStatus("Stopped following run " + id + "; it goes on in its own process."))
                .onFinally(this::ended)
                .start();
    }

    /** How long following waits between two reads of a run's files (1 s; shorter in tests). */
    void setPollInterval(Duration interval) {
        pollInterval = interval;
    }

    /** The WiSE-FT α slider of the shown run, when it is a completed contrastive or LoRA run. */
    public WiseFtControl wiseFt() {
        return wiseFt;
    }

    public TrainingForm form() {
        return form;
    }

    /** The project's datasets a run may train or validate on: its test and shift sets are left out. */
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

    /** The heatmap's Before | After | Difference, sort, click-through, hardest negatives and export. */
    public HeatmapViewModel heatmap() {
        return heatmap;
    }

    /** What the screen shows of the current (or last) run. */
    public RunDisplay display() {
        return display;
    }

    public Command startCommand() {
        return start;
    }

    /** "Export as a cluster job…": the form's run as an accelerate/Trainer job ({@code diagonal handoff}). */
    public Command clusterJobCommand() {
        return clusterJob.command();
    }

    public Command stopCommand() {
        return stop;
    }
}
