package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.app.runs.RunsViewModel;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.RunSummary;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneViewModelTest {

    @TempDir
    Path tmp;

    private TestSessions session() {
        return sessionIn(tmp);
    }

    /** A project in {@code tmp} with a tiny model and 5 + 5 images, open in a session with an inline runner. */
    static TestSessions sessionIn(Path tmp) {
        Project project = Project.create(tmp.resolve("p"), "p");
        project.setModel(TestSessions.tinyModel(tmp.resolve("model")));
        TestSessions.imageFolder(tmp.resolve("p/train"));
        TestSessions.imageFolder(tmp.resolve("p/val"));
        project.putDataset("train", tmp.resolve("p/train"), DatasetRole.TRAIN);
        project.putDataset("val", tmp.resolve("p/val"), DatasetRole.VAL);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        return t;
    }

    static void small(FinetuneViewModel model, int epochs) {
        model.form().epochsProperty().set(epochs);
        model.form().batchSizeProperty().set(2);
        model.form().lrProperty().set("1e-4");
        model.form().deviceProperty().set("cpu");
    }

    @Test
    void aContrastiveRunIsShownLiveAndEndsInTheHistory() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        assertThat(model.trainProperty().get().name()).isEqualTo("train");
        assertThat(model.valProperty().get().name()).isEqualTo("val");
        small(model, 2);

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.display().planProperty().get()).startsWith("contrastive: ").contains("5 training and 5 validation images", "on cpu()");
        assertThat(model.display().steps()).isNotEmpty().allSatisfy(step -> assertThat(step.loss()).isFinite());
        assertThat(model.display().steps()).extracting(StepEvent::step).isSorted();
        assertThat(model.display().evaluations()).isNotEmpty();
        assertThat(model.display().metricsProperty().get()).startsWith("step ");
        assertThat(model.display().replay().shownProperty().get().matrix().length).isGreaterThanOrEqualTo(2);
        assertThat(model.display().progressProperty().get()).isEqualTo(1.0);
        assertThat(model.display().statusProperty().get()).startsWith("Run ").contains(" completed at step ");
        List<RunSummary> runs = t.session.project().runs().list();
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.method()).isEqualTo("contrastive");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.hyperparameters()).containsEntry("batch_size", 2).containsEntry("lr", 1e-4);
        });
        List<Long> snapshotSteps = t.session.project().runs().open(runs.get(0).id()).similaritySteps();
        assertThat(snapshotSteps).hasSizeGreaterThanOrEqualTo(2);
        assertThat(model.display().replay().snapshots()).extracting(SimilaritySnapshot::step).isEqualTo(snapshotSteps);

        FinetuneViewModel reopened = new FinetuneViewModel(t.session); // shows the project's newest run

        RunDisplay replayed = reopened.display();
        assertThat(replayed.steps()).extracting(StepEvent::step)
                .isEqualTo(model.display().steps().stream().map(StepEvent::step).toList());
        assertThat(replayed.evaluations()).hasSameSizeAs(model.display().evaluations());
        assertThat(replayed.replay().snapshots()).extracting(SimilaritySnapshot::step).isEqualTo(snapshotSteps);
        assertThat(replayed.replay().shownProperty().get().step()).isEqualTo(snapshotSteps.get(snapshotSteps.size() - 1));
        assertThat(replayed.planProperty().get()).startsWith("Run " + runs.get(0).id() + ": contrastive, started ");
        assertThat(replayed.statusProperty().get()).isEqualTo("Run " + runs.get(0).id() + " completed at step "
                + model.display().steps().get(model.display().steps().size() - 1).step() + "; best "
                + runs.get(0).bestMetric().name() + " " + dev.diagonal.app.common.Formats.number(runs.get(0).bestMetric().value())
                + " at step " + runs.get(0).bestMetric().step()
                + (runs.get(0).bestMetric().step() == 0 ? " (the starting model: no evaluation beat it; Export can take the "
                        + "weights at the end)" : "") + ".");
        assertThat(reopened.runningProperty().get()).isFalse();
        assertThat(reopened.startCommand().isExecutable()).isTrue();
    }

    @Test
    void aRunWrittenByAnotherProcessIsFollowedLiveUntilItEnds() throws Exception {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        model.setPollInterval(java.time.Duration.ofMillis(10));
        FakeRun cli = new FakeRun(t.session.project().runsPath(), "cli-run");
        List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> runningSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        model.display().statusProperty().addListener((obs, old, text) -> {
            statuses.add(text);
            runningSeen.add(model.runningProperty().get());
        });
        Thread writer = new Thread(() -> {
            try {
                cli.snapshot(0, 0.2f);
                for (int step = 1; step <= 6; step++) {
                    Thread.sleep(25);
                    cli.step(step, 3.0 / step);
                    if (step % 3 == 0) {
                        cli.evaluation(step, step / 6.0);
                        cli.snapshot(step, 0.2f + step / 10f);
                    }
                }
                Thread.sleep(25);
                cli.end(RunStatus.COMPLETED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();

        model.followLiveRun(); // the inline task runner follows on this thread until the run ends
        writer.join();

        RunDisplay display = model.display();
        assertThat(display.steps()).extracting(StepEvent::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(display.evaluations()).extracting(EvaluationEvent::step).containsExactly(3L, 6L);
        assertThat(display.replay().snapshots()).extracting(SimilaritySnapshot::step).containsExactly(0L, 3L, 6L);
        assertThat(display.replay().shownProperty().get().step()).isEqualTo(6);
        assertThat(display.planProperty().get()).startsWith("Run cli-run: contrastive");
        assertThat(statuses).anySatisfy(text -> assertThat(text).startsWith("Following run cli-run of another process: step "));
        assertThat(runningSeen).first().isEqualTo(true);
        assertThat(display.statusProperty().get()).isEqualTo("Run cli-run completed at step 6.");
        assertThat(display.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(t.tasks.succeeded).contains("Following run cli-run");
    }

    @Test
    void stopStopsFollowingButNotTheRunOfTheOtherProcess() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        model.setPollInterval(java.time.Duration.ofMillis(10));
        try (FakeRun cli = new FakeRun(t.session.project().runsPath(), "cli-run")) {
            cli.step(1, 2.0);
            model.display().steps().addListener((javafx.collections.ListChangeListener<StepEvent>) change ->
                    t.tasks.cancelRunning()); // what Stop does; the inline runner has no handle yet

            model.followLiveRun();

            assertThat(model.display().statusProperty().get())
                    .isEqualTo("Stopped following run cli-run; it goes on in its own process.");
            assertThat(model.runningProperty().get()).isFalse();
            assertThat(t.session.project().runs().find("cli-run").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
    }

    @Test
    void stoppingLeavesACancelledRunThatTheRunsScreenResumes() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 3);
        javafx.collections.ListChangeListener<StepEvent> stopAtFirstStep = change -> t.tasks.cancelRunning();
        model.display().steps().addListener(stopAtFirstStep);

        model.startCommand().execute();

        assertThat(model.display().statusProperty().get()).startsWith("Stopped.");
        RunSummary stopped = t.session.project().runs().list().get(0);
        assertThat(stopped.status()).isEqualTo(RunStatus.CANCELLED);
        long stoppedAt = model.display().steps().get(model.display().steps().size() - 1).step();
        model.display().steps().removeListener(stopAtFirstStep);

        RunsViewModel runs = new RunsViewModel(t.session, model::resume, model::open);
        runs.selection().setAll(runs.runs().get(0));
        List<StepEvent> resumed = new java.util.ArrayList<>();
        model.display().steps().addListener((javafx.collections.ListChangeListener<StepEvent>) change -> {
            while (change.next()) {
                resumed.addAll(change.getAddedSubList());
            }
        });
        assertThat(runs.resumeCommand().execute()).isTrue();

        assertThat(t.session.project().runs().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.display().statusProperty().get()).contains(" completed at step ");
        assertThat(resumed).isNotEmpty();
        assertThat(resumed.get(0).step()).isGreaterThan(0).isLessThanOrEqualTo(stoppedAt + 1);
    }

    @Test
    void aLinearProbeRunReportsItsValidationAccuracy() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 1);
        model.form().methodProperty().set("linear-probe");

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.display().statusProperty().get()).startsWith("Run ").contains("(linear-probe) completed: validation top-1 ", " at C = ");
        assertThat(t.session.project().runs().list()).singleElement()
                .satisfies(run -> assertThat(run.method()).isEqualTo("linear-probe"));
    }

    @Test
    void aLoraRunTrainsItsAdaptersWithTheFormsSettingsAndShowsCurvesAndHeatmap() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 1);
        model.form().methodProperty().set("lora");
        model.form().loraRankProperty().set(4);
        model.form().loraTargetsProperty().set("q_proj,v_proj");

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        RunDisplay display = model.display();
        assertThat(display.planProperty().get()).startsWith("lora: ");
        assertThat(display.steps()).isNotEmpty().allSatisfy(step -> assertThat(step.loss()).isFinite());
        assertThat(display.evaluations()).isNotEmpty();
        assertThat(display.replay().shownProperty().get()).isNotNull();
        assertThat(display.progressProperty().get()).isEqualTo(1.0);
        assertThat(display.statusProperty().get()).startsWith("Run ").contains(" completed at step ");
        RunSummary run = t.session.project().runs().list().get(0);
        assertThat(run.method()).isEqualTo("lora");
        assertThat(run.hyperparameters()).containsEntry("lora_rank", 4).containsEntry("lora_targets", "q_proj,v_proj");
        RunsViewModel runs = new RunsViewModel(t.session, model::resume, model::open);
        assertThat(runs.runs()).singleElement().satisfies(row -> assertThat(row.hyperparameters())
                .contains("lora_rank=4", "lora_targets=q_proj,v_proj").doesNotContain("freeze"));
    }

    @Test
    void aTipAdapterFRunDrawsItsLossPerEpochAndSaysWhyItHasNoHeatmap() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 2); // 2 epochs (not the general default, so the run takes them) and the lr 1e-4
        model.form().methodProperty().set("tip-adapter-f");
        List<String> statuses = new java.util.ArrayList<>();
        model.display().statusProperty().addListener((obs, old, text) -> statuses.add(text));

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        RunDisplay display = model.display();
        assertThat(statuses).anySatisfy(text -> assertThat(text).startsWith("embedding the training images: "));
        assertThat(display.planProperty().get()).isEqualTo("tip-adapter-f on train, validation: val");
        assertThat(display.steps()).extracting(StepEvent::step).containsExactly(1L, 2L);
        assertThat(display.steps()).allSatisfy(step -> {
            assertThat(step.loss()).isFinite();
            assertThat(step.lr()).isEqualTo(1e-4);
        });
        assertThat(display.evaluations()).allSatisfy(e -> assertThat(e.metrics().keySet())
                .noneMatch(key -> key.startsWith("embed_") || key.equals("epoch")));
        assertThat(LiveCharts.metricNames(display.evaluations())).first().isEqualTo("tip_val_top1");
        assertThat(display.replay().snapshots()).isEmpty();
        assertThat(display.replay().emptyTextProperty().get()).startsWith("A tip-adapter-f run has no similarity heatmap");
        assertThat(display.progressProperty().get()).isEqualTo(1.0);
        assertThat(display.statusProperty().get()).contains("(tip-adapter-f) completed: validation top-1 ");

        FinetuneViewModel reopened = new FinetuneViewModel(t.session); // replays it from its files
        assertThat(reopened.display().steps()).extracting(StepEvent::step).containsExactly(1L, 2L);
        assertThat(reopened.display().replay().emptyTextProperty().get()).startsWith("A tip-adapter-f run has no");
        assertThat(reopened.display().statusProperty().get()).contains(" completed at step 3; best tip_val_top1 ");
        RunsViewModel runs = new RunsViewModel(t.session, model::resume, model::open);
        assertThat(runs.runs()).singleElement().satisfies(row -> {
            assertThat(row.method()).isEqualTo("tip-adapter-f");
            assertThat(row.hyperparameters()).contains("epochs=2", "lr=1.0E-4");
        });
        assertThat(runs.resumeCommand().isExecutable()).isFalse();
        assertThat(runs.metricProperty().get()).isEqualTo("tip_val_top1");
    }

    @Test
    void theWiseFtSliderOfAFinishedRunRescoresBetweenTheStartAndTheRun() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 2);
        model.form().lrProperty().set("1e-2"); // weights that move, so α matters
        model.startCommand().execute();
        assertThat(t.tasks.failures).isEmpty();
        WiseFtControl wise = model.wiseFt();
        wise.setDebounce(java.time.Duration.ZERO);
        assertThat(wise.availableProperty().get()).isTrue();
        List<SimilaritySnapshot> snapshots = List.copyOf(model.display().replay().snapshots());
        RunSummary run = t.session.project().runs().list().get(0);
        // on this tiny set no evaluation beats step 0, so best/ is the starting model; the latest checkpoint's
        // weights (the last step's) stand in for the run, so that α = 1 must give the last snapshot
        Path runDir = run.path();
        String latest = readString(runDir.resolve("checkpoints/latest")).strip();
        copyOver(runDir.resolve("checkpoints").resolve(latest).resolve("model.safetensors"),
                runDir.resolve("best/model.safetensors"));
        SimilaritySnapshot last = snapshots.get(snapshots.size() - 1);
        EvaluationEvent first = model.display().evaluations().get(0);
        assertThat(first.step()).isZero();

        wise.alphaProperty().set(0);

        assertThat(t.tasks.failures).isEmpty();
        SimilaritySnapshot start = model.display().replay().shownProperty().get();
        assertThat(model.display().replay().labelProperty().get()).isEqualTo("WiSE-FT α 0.00");
        assertThat(maxDifference(start.matrix(), snapshots.get(0).matrix())).isLessThan(1e-5);
        assertThat(wise.statusProperty().get()).startsWith("α 0.00: zero-shot top-1 "
                + String.format(java.util.Locale.ROOT, "%.3f", first.metrics().get("zeroshot_top1")));

        wise.alphaProperty().set(1);
        assertThat(maxDifference(model.display().replay().shownProperty().get().matrix(), last.matrix())).isLessThan(1e-5);
        wise.alphaProperty().set(0.5);
        float[][] half = model.display().replay().shownProperty().get().matrix();
        assertThat(maxDifference(half, start.matrix())).isGreaterThan(1e-4);
        assertThat(maxDifference(half, last.matrix())).isGreaterThan(1e-4);

        model.display().replay().select(0); // a step chosen on the step slider replaces the WiSE-FT view
        assertThat(model.display().replay().labelProperty().get()).startsWith("step 0 ");
        model.form().methodProperty().set("linear-probe");
        model.startCommand().execute();
        assertThat(wise.availableProperty().get()).as("a probe has no weights to interpolate").isFalse();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyOver(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    @Test
    void augmentationsAndTheProjectsTemplatesReachTheRun() throws Exception {
        TestSessions t = session();
        Path templates = Files.writeString(t.session.project().folder().resolve("templates.txt"),
                "a drawing of {}.\n{}\n");
        t.session.project().setTemplates(templates);
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        small(model, 1);
        assertThat(model.form().augmentProperty().get()).isEqualTo("none");
        model.form().augmentProperty().set("crop,affine");
        model.form().captionTemplatesProperty().set(true);

        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(t.session.project().runs().list()).singleElement().satisfies(run -> assertThat(run.hyperparameters())
                .containsEntry("augment", "crop,affine")
                .containsEntry("caption_templates", List.of("a drawing of {}.", "{}")));
    }

    @Test
    void aBadSettingIsRefusedBeforeAnyRunFolderIsMade() {
        TestSessions t = session();
        FinetuneViewModel model = new FinetuneViewModel(t.session);
        model.form().lrProperty().set("fast");

        model.startCommand().execute();

        assertThat(t.dialogs.errors).singleElement().asString().contains("Learning rate must be a number (e.g. 1e-5) or auto, not \"fast\"");
        assertThat(t.session.project().runs().list()).isEmpty();
        model.form().lrProperty().set("1e-5");
        model.form().batchSizeProperty().set(1);
        model.startCommand().execute();
        assertThat(t.dialogs.errors).last().asString().contains("Batch size must be at least 2")
                .doesNotContain("--batch-size"); // the workbench's words, not the command line's
        model.form().batchSizeProperty().set(2);
        model.form().augmentProperty().set("sparkle");
        model.startCommand().execute();
        assertThat(t.dialogs.errors).last().asString().contains("Augmentations has an unknown augmentation \"sparkle\"")
                .doesNotContain("--augment");
        assertThat(t.session.project().runs().list()).isEmpty();
    }
}
