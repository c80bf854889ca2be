package dev.diagonal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.app.runs.RunRow;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The fine-tune screen's golden path for the methods of issue 15, in the whole workbench on a headless
 * toolkit (Monocle) with the tiny model: choose the method in the list, see its own settings, change one,
 * start, and the run finishes with points on the loss curve, the heatmap (LoRA) or the method's message
 * (Tip-Adapter-F), and a row on the Runs screen. Screens go to {@code target/golden-*.png} for a look.
 */
class FinetuneMethodsGoldenPathTest {

    @TempDir
    Path tmp;

    private Application app;
    private Stage stage;
    private Path projectDir;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        projectDir = tmp.resolve("fruit-project");
        Project project = Project.create(projectDir, "fruit");
        project.setModel(TestSessions.tinyModel(tmp.resolve("tiny-model")));
        project.putDataset("train", TestSessions.imageFolder(projectDir.resolve("train")), DatasetRole.TRAIN);
        project.putDataset("val", TestSessions.imageFolder(projectDir.resolve("val")), DatasetRole.VAL);
        project.save();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("settings.json"), "{\"lastProject\": \"" + projectDir.toString().replace("\\", "\\\\") + "\"}");
        System.setProperty("diagonal.home", home.toString());
        System.setProperty("diagonal.root", Files.createDirectories(tmp.resolve("install")).toString());
        System.setProperty("headless.geometry", "1440x1024-32");
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(WorkbenchApp.class);
        waitUntil(30, () -> robot.lookup("#project-overview").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#nav-finetune");
        waitUntil(30, () -> !robot.lookup("#start-training").query().isDisabled());
        assertThat(((javafx.scene.control.ComboBox<?>) robot.lookup("#finetune-val").query()).getValue())
                .as("the project's validation set is chosen").isNotNull();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void aLoraRunWithItsOwnRankFinishesWithCurvesHeatmapAndARunsRow() throws Exception {
        choose("lora");
        assertThat(shown("#lora-rank")).isTrue();
        assertThat(shown("#lora-targets")).isTrue();
        assertThat(shown("#finetune-freeze")).as("LoRA freezes the model itself").isFalse();
        assertThat(text("#finetune-method-hint")).contains("LoRA: adapters");
        type("#lora-rank", "4");
        type("#finetune-epochs", "2");
        snapshot("lora-form");

        robot.clickOn("#start-training");
        waitUntil(240, () -> text("#finetune-status").contains(" completed ") || text("#finetune-status").startsWith("Failed"));

        assertThat(text("#finetune-status")).startsWith("Run ").contains(" completed at step ");
        assertThat(lossPoints()).isPositive();
        assertThat(text("#similarity-label")).startsWith("step ");
        assertThat(robot.lookup("#similarity-empty").query().isVisible()).isFalse();
        snapshot("lora-done");
        // the WiSE-FT slider of the finished run: Home moves α to 0, the model it started from
        assertThat(shown("#wise-ft-alpha")).isTrue();
        // focus without a click: a click would also score the α under the pointer, and that scoring can
        // end after Home's and overwrite its status
        robot.interact(() -> robot.lookup("#wise-ft-alpha").query().requestFocus());
        robot.type(KeyCode.HOME);
        long moved = System.nanoTime();
        waitUntil(120, () -> text("#wise-ft-status").startsWith("α 0.00: ") || text("#wise-ft-status").startsWith("WiSE-FT: "));
        System.out.printf("WiSE-FT rescoring on the tiny model: %.2f s%n", (System.nanoTime() - moved) / 1e9);
        assertThat(text("#wise-ft-status")).startsWith("α 0.00: zero-shot top-1 ");
        assertThat(text("#similarity-label")).isEqualTo("WiSE-FT α 0.00");
        snapshot("lora-wise-ft");
        RunSummary run = Project.open(projectDir).runs().list().get(0);
        assertThat(run.method()).isEqualTo("lora");
        assertThat(run.hyperparameters()).containsEntry("lora_rank", 4).containsEntry("epochs", 2)
                .containsKey("val");

        RunRow row = runsRow();
        assertThat(row.method()).isEqualTo("lora");
        assertThat(row.hyperparameters()).contains("lora_rank=4");
    }

    @Test
    void aTipAdapterFRunFinishesWithItsLossPerEpochItsHeatmapMessageAndARunsRow() throws Exception {
        choose("tip-adapter-f");
        assertThat(shown("#finetune-epochs")).isTrue();
        assertThat(shown("#finetune-lr")).isTrue();
        assertThat(shown("#lora-rank")).isFalse();
        assertThat(shown("#finetune-freeze")).isFalse();
        assertThat(shown("#finetune-val-percent")).as("a fixed 20 % is held out").isFalse();
        type("#finetune-epochs", "3");

        robot.clickOn("#start-training");
        waitUntil(240, () -> text("#finetune-status").contains(" completed") || text("#finetune-status").startsWith("Failed"));

        assertThat(text("#finetune-status")).contains("(tip-adapter-f) completed: validation top-1 ");
        // the default lr tries the reference's 1e-3 and 1e-2: 3 epochs each
        assertThat(lossPoints()).isEqualTo(6);
        assertThat(robot.lookup("#similarity-empty").query().isVisible()).isTrue();
        assertThat(text("#similarity-empty")).startsWith("A tip-adapter-f run has no similarity heatmap");
        snapshot("tip-adapter-f-done");
        RunSummary run = Project.open(projectDir).runs().list().get(0);
        assertThat(run.method()).isEqualTo("tip-adapter-f");

        RunRow row = runsRow();
        assertThat(row.method()).isEqualTo("tip-adapter-f");
        assertThat(row.hyperparameters()).contains("epochs=3");
    }

    /** Picks {@code method} in the method list as a user does: open it, click the entry. */
    private void choose(String method) {
        robot.clickOn("#finetune-method");
        Node cell = robot.lookup((Node n) -> n instanceof ListCell<?> c && method.equals(c.getText()) && n.isVisible()).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types {@code value} into a spinner's editor and commits it with Enter. */
    private void type(String spinner, String value) {
        Spinner<?> field = (Spinner<?>) robot.lookup(spinner).query();
        robot.doubleClickOn(field.getEditor());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(value);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(String.valueOf(field.getValue())).isEqualTo(value);
    }

    /** Whether the node is in the shown screen (the form takes the rows that do not apply out of the grid). */
    private boolean shown(String query) {
        Optional<Node> node = robot.lookup(query).tryQuery();
        return node.isPresent() && node.get().getScene() != null && node.get().getParent() != null && node.get().isVisible();
    }

    private int lossPoints() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<ChartViewer> viewers = new ArrayList<>();
            collect(robot.lookup("#screen-finetune").query(), viewers);
            ChartViewer loss = viewers.stream()
                    .filter(v -> "loss".equals(v.getChart().getXYPlot().getRangeAxis().getLabel())).findFirst().orElseThrow();
            return loss.getChart().getXYPlot().getDataset().getItemCount(0);
        }).get(10, TimeUnit.SECONDS);
    }

    /** Goes to the Runs screen and returns the one row it lists. */
    private RunRow runsRow() throws Exception {
        robot.clickOn("#nav-runs");
        TableView<?> table = (TableView<?>) robot.lookup("#runs-table").query();
        waitUntil(30, () -> table.getItems().size() == 1);
        snapshot("runs");
        return (RunRow) table.getItems().get(0);
    }

    private static void collect(Node node, List<ChartViewer> found) {
        if (node instanceof ChartViewer viewer) {
            found.add(viewer);
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }

    private String text(String query) {
        return ((Label) robot.lookup(query).query()).getText();
    }

    private static void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(String name) throws Exception {
        Scene scene = stage.getScene();
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        try {
            Files.createDirectories(Path.of("target"));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of("target", "golden-" + name + ".png").toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write the snapshot " + name, e);
        }
    }
}
