package dev.diagonal.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.StepEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsViewModelTest {

    @TempDir
    Path tmp;

    private TestSessions t;
    private final List<Path> resumed = new java.util.ArrayList<>();
    private final List<Path> shown = new java.util.ArrayList<>();

    private RunStatus status = RunStatus.COMPLETED;

    private void run(Project project, String method, String start, double lr, double lossScale) {
        RunFolder run = RunFolder.create(project.runsPath(), method);
        run.writeRunJson(new RunInfo(run.id(), method, status, Map.of("lr", lr, "batchSize", 32), null,
                Instant.parse(start), Instant.parse(start).plusSeconds(125), new BestMetric("val/top1", 0.75, 20L), null, 1L));
        try (MetricsLog log = run.openMetrics()) {
            for (int step = 0; step <= 20; step += 10) {
                log.append(new StepEvent(step, Double.NaN, lossScale / (step + 1), Double.NaN, Double.NaN, Double.NaN, null,
                        step == 20 ? Map.of("val/top1", 0.75) : Map.of()));
            }
        }
    }

    private RunsViewModel model() throws Exception {
        Project project = Project.create(tmp.resolve("p"), "p");
        run(project, "contrastive", "2025-01-01T10:00:00Z", 1e-5, 4.0);
        Thread.sleep(1100); // run folders are named to the second
        run(project, "linear-probe", "2025-01-02T10:00:00Z", 0.1, 2.0);
        t = new TestSessions(tmp);
        t.session.setProject(project);
        return new RunsViewModel(t.session, resumed::add, shown::add);
    }

    @Test
    void historyNewestFirstWithTheNewestRunsCurve() throws Exception {
        RunsViewModel model = model();

        assertThat(model.runs()).extracting(RunRow::method).containsExactly("linear-probe", "contrastive");
        RunRow newest = model.runs().get(0);
        assertThat(newest.status()).isEqualTo("completed");
        assertThat(newest.hyperparameters()).isEqualTo("lr=0.1, batchSize=32");
        assertThat(newest.best()).isEqualTo("val/top1 0.7500 @ 20");
        assertThat(newest.duration()).isEqualTo("2 min 05 s");
        assertThat(model.selection()).containsExactly(newest);
        assertThat(model.metrics()).containsExactly("loss", "val/top1");
        assertThat(model.metricProperty().get()).isEqualTo("loss");
        Curve curve = model.curves().get(0);
        assertThat(curve.steps()).containsExactly(0, 10, 20);
        assertThat(curve.values()).containsExactly(2.0, 2.0 / 11, 2.0 / 21);
    }

    @Test
    void selectingTwoRunsOverlaysTheirCurvesOfTheChosenMetric() throws Exception {
        RunsViewModel model = model();

        model.selection().setAll(model.runs());
        assertThat(model.curves()).extracting(Curve::run).containsExactlyElementsOf(model.runs().stream().map(RunRow::id).toList());
        model.metricProperty().set("val/top1");

        assertThat(model.curves()).hasSize(2).allSatisfy(c -> {
            assertThat(c.steps()).containsExactly(20);
            assertThat(c.values()).containsExactly(0.75);
        });
    }

    @Test
    void deleteAsksAndThenRemovesTheFolders() throws Exception {
        RunsViewModel model = model();
        model.selection().setAll(model.runs());
        List<Path> folders = model.runs().stream().map(r -> r.summary().path()).toList();

        t.dialogs.confirmations.add(false);
        model.deleteCommand().execute();
        assertThat(folders).allSatisfy(f -> assertThat(f).exists());
        assertThat(t.dialogs.questions.get(0)).startsWith("Delete these 2 runs");

        t.dialogs.confirmations.add(true);
        model.deleteCommand().execute();
        assertThat(folders).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(model.runs()).isEmpty();
        assertThat(model.curves()).isEmpty();
    }

    @Test
    void openFolderOpensTheOneSelectedRun() throws Exception {
        RunsViewModel model = model();
        assertThat(model.openFolderCommand().execute()).isTrue();
        assertThat(t.dialogs.opened).containsExactly(model.runs().get(0).summary().path());
        model.selection().setAll(model.runs());
        assertThat(model.openFolderCommand().isExecutable()).isFalse();
    }

    @Test
    void onlyAStoppedContrastiveRunCanBeResumed() throws Exception {
        status = RunStatus.CANCELLED;
        RunsViewModel model = model();
        RunRow probe = model.runs().get(0);
        RunRow contrastive = model.runs().get(1);

        model.selection().setAll(probe);
        assertThat(model.resumeCommand().isExecutable()).isFalse();
        model.selection().setAll(model.runs());
        assertThat(model.resumeCommand().isExecutable()).isFalse();
        model.selection().setAll(contrastive);
        assertThat(model.resumeCommand().execute()).isTrue();
        assertThat(resumed).containsExactly(contrastive.summary().path());
    }

    @Test
    void aStoppedLoraRunResumesAndAStoppedTipAdapterRunDoesNot() throws Exception {
        status = RunStatus.CANCELLED;
        Project project = Project.create(tmp.resolve("p"), "p");
        run(project, "tip-adapter-f", "2025-01-01T10:00:00Z", 1e-3, 1.0);
        Thread.sleep(1100); // run folders are named to the second
        run(project, "lora", "2025-01-02T10:00:00Z", 1e-4, 1.0);
        t = new TestSessions(tmp);
        t.session.setProject(project);
        RunsViewModel model = new RunsViewModel(t.session, resumed::add, shown::add);
        RunRow lora = model.runs().get(0);
        assertThat(lora.method()).isEqualTo("lora");

        model.selection().setAll(model.runs().get(1));
        assertThat(model.resumeCommand().isExecutable()).isFalse();
        model.selection().setAll(lora);
        assertThat(model.resumeCommand().execute()).isTrue();
        assertThat(resumed).containsExactly(lora.summary().path());
    }

    @Test
    void aCompletedRunIsNotResumable() throws Exception {
        RunsViewModel model = model();
        model.selection().setAll(model.runs().get(1));
        assertThat(model.resumeCommand().isExecutable()).isFalse();
    }

    @Test
    void showHandsTheOneSelectedRunToTheFinetuneScreen() throws Exception {
        RunsViewModel model = model();
        model.selection().setAll(model.runs());
        assertThat(model.showCommand().isExecutable()).isFalse();
        model.selection().setAll(model.runs().get(1));
        assertThat(model.showCommand().execute()).isTrue();
        assertThat(shown).containsExactly(model.runs().get(1).summary().path());
    }
}
