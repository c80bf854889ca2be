package dev.diagonal.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.compare.Cell;
import dev.diagonal.compare.CellRow;
import dev.diagonal.compare.Summary;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.train.TrainFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare screen's view model without a toolkit: defaults from roles, form messages, rows, cancel, continue, open. */
class CompareViewModelTest {

    private static final List<String> CLASSES = TrainFixtures.CLASSES.subList(0, 3);

    @TempDir
    Path tmp;

    /** The run folders the screen asked to show on Fine-tune. */
    private final List<Path> shown = new java.util.ArrayList<>();

    @BeforeAll
    static void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1"); // tiny model on a shared 2-core box
    }

    /** {@link #projectIn} open in an inline session. */
    static TestSessions sessionIn(Path tmp) {
        Path dir = projectIn(tmp);
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(dir));
        return t;
    }

    /** A project folder with the tiny model, a train, a test, a shift and a validation set of 3 shape classes. */
    public static Path projectIn(Path tmp) {
        Path dir = tmp.resolve("p");
        Project project = Project.create(dir, "p");
        project.setModel(TestSessions.tinyModel(tmp.resolve("model")));
        project.putDataset("shapes-val", TrainFixtures.shapes(dir.resolve("val"), CLASSES, 2, 4), DatasetRole.VAL);
        project.putDataset("shapes-train", TrainFixtures.shapes(dir.resolve("train"), CLASSES, 4, 1), DatasetRole.TRAIN);
        project.putDataset("shapes-test", TrainFixtures.shapes(dir.resolve("test"), CLASSES, 3, 2), DatasetRole.TEST);
        project.putDataset("moved", TrainFixtures.shapes(dir.resolve("shift"), CLASSES, 3, 3), DatasetRole.SHIFT);
        project.save();
        return dir;
    }

    /** Zero-shot and the linear probe at one shot with {@code seeds} seeds. */
    static void small(CompareForm form, int seeds) {
        CompareForm.METHODS.forEach(m -> form.methodProperty(m).set(m.equals(Cell.ZERO_SHOT) || m.equals("linear-probe")));
        form.shotsProperty().set("1");
        form.seedsProperty().set(seeds);
    }

    @Test
    void theFormStartsFromTheProjectsModelAndRoles() {
        TestSessions t = new TestSessions(tmp);
        CompareViewModel model = new CompareViewModel(t.session, shown::add);
        assertThat(model.startCommand().isExecutable()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Open a project first.");
        t.session.setProject(Project.open(projectIn(tmp))); // opened while the screen exists, as in the workbench
        CompareForm form = model.form();
        Project project = t.session.project();
        assertThat(model.startCommand().isExecutable()).isTrue();
        assertThat(Path.of(form.modelProperty().get())).isEqualTo(project.modelPath().orElseThrow());
        assertThat(form.trainProperty().get().name()).isEqualTo("shapes-train");
        assertThat(form.testProperty().get().name()).isEqualTo("shapes-test");
        assertThat(form.shifts()).extracting(s -> s.entry().name() + "=" + s.selected().get())
                .containsExactly("shapes-val=false", "shapes-train=false", "shapes-test=false", "moved=true");
        assertThat(Path.of(form.outProperty().get())).isEqualTo(project.folder().resolve("comparisons/comparison-1"));
        assertThat(form.methodProperty("tip-adapter").get()).isFalse();
        assertThat(form.methodProperty("lora").get()).isTrue();
        assertThat(form.shotsProperty().get()).isEqualTo("1,4");
        assertThat(form.seedsProperty().get()).isEqualTo(3);
    }

    @Test
    void badInputIsNamedInTheFormsOwnWordsAndRunsNothing() {
        TestSessions t = sessionIn(tmp);
        CompareViewModel model = new CompareViewModel(t.session, shown::add);
        CompareForm form = model.form();
        small(form, 1);
        form.shotsProperty().set("1,four");
        model.startCommand().execute();
        assertThat(model.problemProperty().get()).isEqualTo("Shots: \"four\" is not a whole number; write e.g. 1,4");
        form.shotsProperty().set("0");
        model.startCommand().execute();
        assertThat(model.problemProperty().get()).isEqualTo("Shots must be at least 1 each, not 0");
        form.shotsProperty().set("1");
        CompareForm.METHODS.forEach(m -> form.methodProperty(m).set(false));
        model.startCommand().execute();
        assertThat(model.problemProperty().get()).isEqualTo("Methods: tick at least one method.");
        small(form, 1);
        form.modelProperty().set(tmp.resolve("nowhere").toString());
        model.startCommand().execute();
        assertThat(model.problemProperty().get()).startsWith("Model: model folder not found: ").doesNotContain("--");
        form.modelProperty().set(t.session.project().modelPath().orElseThrow().toString());
        form.testProperty().set(form.trainProperty().get());
        model.startCommand().execute();
        assertThat(model.problemProperty().get()).isEqualTo("Test set: must differ from the training set.");
        form.testProperty().set(form.datasets().get(2));
        form.trainProperty().set(form.datasets().get(3));
        model.startCommand().execute();
        assertThat(model.problemProperty().get()).isEqualTo("Training set: moved is a held-out shift set; it is never trained on.");
        assertThat(t.tasks.succeeded).isEmpty();
        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void rowsSummaryAndChartsAppearAndAnOpenedFolderShowsThemAgain() {
        TestSessions t = sessionIn(tmp);
        CompareViewModel model = new CompareViewModel(t.session, shown::add);
        small(model.form(), 2);
        List<Integer> seen = new java.util.ArrayList<>();
        model.rows().addListener((ListChangeListener<CellRow>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    seen.add(model.rows().size());
                }
            }
        });
        model.startCommand().execute();

        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(seen).as("rows arrive one by one").containsExactly(1, 2, 3, 4);
        assertThat(model.rows()).extracting(r -> r.cell().name()).containsExactly("zero-shot-0shot-seed0",
                "zero-shot-0shot-seed1", "linear-probe-1shot-seed0", "linear-probe-1shot-seed1");
        assertThat(model.summary()).extracting(Summary::method).containsExactly(Cell.ZERO_SHOT, "linear-probe");
        Summary probe = model.summary().get(1);
        double a = model.rows().get(2).testTop1();
        double b = model.rows().get(3).testTop1();
        assertThat(probe.testTop1().mean()).isCloseTo((a + b) / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(probe.shiftTop1()).containsOnlyKeys("moved");
        assertThat(model.shiftNames()).containsExactly("moved");
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.statusProperty().get()).startsWith("4 cells (4 run now, 0 done earlier)");
        assertThat(model.fewShotChartProperty().get()).isRegularFile();
        assertThat(model.idVsOodChartProperty().get()).isRegularFile();
        assertThat(model.runningProperty().get()).isFalse();

        Path out = Path.of(model.form().outProperty().get());
        CompareViewModel reopened = new CompareViewModel(t.session, shown::add);
        assertThat(reopened.rows()).as("the newest comparison is shown").containsExactlyElementsOf(model.rows());
        assertThat(Path.of(reopened.form().outProperty().get())).isEqualTo(out);
        reopened.newCommand().execute();
        assertThat(reopened.rows()).isEmpty();
        assertThat(reopened.fewShotChartProperty().get()).isNull();
        assertThat(Path.of(reopened.form().outProperty().get())).isEqualTo(out.resolveSibling("comparison-2"));
        assertThat(reopened.form().methodProperty("lora").get()).as("the sweep is kept for the new folder").isFalse();
        reopened.open(out);
        assertThat(reopened.rows()).containsExactlyElementsOf(model.rows());
        assertThat(reopened.fewShotChartProperty().get()).isEqualTo(out.resolve("few-shot.png"));
        assertThat(reopened.form().shotsProperty().get()).isEqualTo("1");
        assertThat(reopened.form().seedsProperty().get()).isEqualTo(2);
        assertThat(reopened.form().methodProperty("lora").get()).isFalse();
        assertThat(reopened.form().methodProperty("linear-probe").get()).isTrue();
        CellRow probeRow = reopened.rows().get(2);
        reopened.showRun(probeRow);
        assertThat(shown).containsExactly(out.resolve("runs/linear-probe-1shot-seed0"));
        reopened.showRun(reopened.rows().get(0));
        assertThat(reopened.statusProperty().get()).startsWith("Zero-shot is the base model itself");
        List<dev.diagonal.compare.ChartPoint> points = dev.diagonal.compare.ComparisonFiles.readPoints(out);
        assertThat(points).extracting(dev.diagonal.compare.ChartPoint::cell).contains("linear-probe-1shot-seed0",
                "linear-probe-1shot-seed1");
        dev.diagonal.compare.ChartPoint drawn = points.stream().filter(p -> p.cell().equals("linear-probe-1shot-seed1"))
                .findFirst().orElseThrow();
        assertThat(drawn.x()).isBetween(0.0, 900.0);
        assertThat(drawn.y()).isBetween(0.0, 650.0);
        assertThat(reopened.cellAt(drawn.x() + 3, drawn.y() - 3)).as("a click beside the dot").hasValueSatisfying(
                r -> assertThat(r.cell().name()).isEqualTo("linear-probe-1shot-seed1"));
        assertThat(reopened.cellAt(drawn.x() + 40, drawn.y() + 40)).isEmpty();
        assertThat(t.dialogs.errors).isEmpty();
        dev.diagonal.eval.EvalFixtures.deleteTree(out.resolve("runs/linear-probe-1shot-seed0"));
        reopened.showRun(probeRow);
        assertThat(t.dialogs.errors).singleElement().asString().startsWith("Cannot open the run: ")
                .contains("linear-probe-1shot-seed0").contains("without its runs folder");
        t.dialogs.errors.clear();
        reopened.open(tmp.resolve("empty"));
        assertThat(t.dialogs.errors).singleElement().asString().startsWith("Cannot open the comparison: No comparison.json");
    }

    @Test
    void cancelStopsBetweenCellsAndStartingAgainContinues() {
        TestSessions t = sessionIn(tmp);
        CompareViewModel model = new CompareViewModel(t.session, shown::add);
        small(model.form(), 2);
        ListChangeListener<CellRow> cancelAtFirstRow = change -> t.tasks.cancelRunning();
        model.rows().addListener(cancelAtFirstRow);
        model.startCommand().execute();

        assertThat(t.tasks.cancelled).hasSize(1);
        assertThat(model.rows()).hasSize(1);
        assertThat(model.statusProperty().get()).startsWith("Cancelled: 1 of 4 cells finished.");
        assertThat(model.runningProperty().get()).isFalse();
        Path out = Path.of(model.form().outProperty().get());
        assertThat(Files.exists(out.resolve("runs"))).as("no trained cell was begun").isFalse();

        model.rows().removeListener(cancelAtFirstRow);
        model.startCommand().execute();
        assertThat(t.tasks.failures).isEmpty();
        assertThat(model.rows()).hasSize(4);
        assertThat(model.statusProperty().get()).startsWith("4 cells (3 run now, 1 done earlier)");
    }
}
