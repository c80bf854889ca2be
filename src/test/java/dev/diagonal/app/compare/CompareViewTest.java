package dev.diagonal.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.WorkbenchApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare screen in the whole workbench on a headless toolkit (Monocle) with the tiny model: go to the
 * screen, keep zero-shot and the linear probe at 1 shot and 1 seed, start, and see the summary rows and both
 * chart images; then open the probe's run on Fine-tune from its row and from its point on the chart. The screen
 * goes to {@code target/compare-done.png} for a look.
 */
class CompareViewTest {

    @TempDir
    Path tmp;

    private Application app;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    @SuppressWarnings("unchecked")
    void zeroShotAndTheProbeAtOneShotFillTheTableAndTheCharts() throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        Path projectDir = CompareViewModelTest.projectIn(tmp);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("settings.json"), "{\"lastProject\": \"" + projectDir.toString().replace("\\", "\\\\") + "\"}");
        System.setProperty("diagonal.home", home.toString());
        System.setProperty("diagonal.root", Files.createDirectories(tmp.resolve("install")).toString());
        System.setProperty("headless.geometry", "1440x1024-32");
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(WorkbenchApp.class);
        waitUntil(30, () -> robot.lookup("#project-overview").tryQuery().map(Node::isVisible).orElse(false));

        robot.clickOn("#nav-compare");
        waitUntil(10, () -> robot.lookup("#screen-compare").query().isVisible());
        for (String method : new String[] {"tip-adapter-f", "lora", "contrastive"}) {
            robot.clickOn("#compare-method-" + method);
        }
        for (String method : CompareForm.METHODS) {
            boolean kept = method.equals("zero-shot") || method.equals("linear-probe");
            assertThat(((CheckBox) robot.lookup("#compare-method-" + method).query()).isSelected()).as(method).isEqualTo(kept);
        }
        robot.clickOn("#compare-shots").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("1");
        Spinner<?> seeds = robot.lookup("#compare-seeds").query();
        robot.interact(() -> ((Spinner<Integer>) seeds).getValueFactory().setValue(1));
        robot.clickOn("#compare-start");
        waitUntil(240, () -> text("#compare-status").startsWith("2 cells") || text("#compare-status").startsWith("Failed"));

        assertThat(text("#compare-status")).startsWith("2 cells (2 run now, 0 done earlier)");
        assertThat(text("#compare-problem")).isEmpty();
        TableView<?> table = robot.lookup("#compare-summary").query();
        assertThat(table.getItems()).hasSize(2);
        assertThat(table.getColumns()).extracting(c -> c.getText())
                .containsExactly("Method", "Shots", "Seeds", "Test top-1", "moved top-1");
        for (String chart : new String[] {"#compare-few-shot", "#compare-id-vs-ood"}) {
            ImageView view = robot.lookup(chart).query();
            assertThat(view.getImage()).as(chart).isNotNull();
            assertThat(view.getImage().isError()).as(chart).isFalse();
            assertThat(view.getImage().getWidth()).as(chart).isEqualTo(900);
        }
        snapshot(stage.getScene(), "done");

        TableView<dev.diagonal.compare.CellRow> cells = robot.lookup("#compare-cells").query();
        assertThat(cells.getItems()).extracting(r -> r.cell().name())
                .containsExactly("zero-shot-0shot-seed0", "linear-probe-1shot-seed0");
        robot.doubleClickOn(robot.lookup("#compare-cells .table-row-cell").nth(1).queryAs(Node.class));
        waitUntil(20, () -> robot.lookup("#screen-finetune").query().isVisible()
                && text("#finetune-status").contains("linear-probe-1shot-seed0"));

        robot.clickOn("#nav-compare");
        waitUntil(10, () -> robot.lookup("#screen-compare").query().isVisible());
        ImageView chart = robot.lookup("#compare-id-vs-ood").query();
        Path out = Path.of(((javafx.scene.control.TextField) robot.lookup("#compare-out").query()).getText());
        dev.diagonal.compare.ChartPoint zero = dev.diagonal.compare.ComparisonFiles.readPoints(out).stream()
                .filter(p -> p.cell().startsWith("zero-shot")).findFirst().orElseThrow();
        double scale = chart.getBoundsInLocal().getWidth() / chart.getImage().getWidth();
        robot.clickOn(chart.localToScreen(zero.x() * scale, zero.y() * scale));
        waitUntil(10, () -> text("#compare-status").startsWith("Zero-shot is the base model itself"));
        dev.diagonal.compare.ChartPoint probe = dev.diagonal.compare.ComparisonFiles.readPoints(out).stream()
                .filter(p -> p.cell().equals("linear-probe-1shot-seed0")).findFirst().orElseThrow();
        robot.clickOn(chart.localToScreen(probe.x() * scale, probe.y() * scale));
        waitUntil(20, () -> robot.lookup("#screen-finetune").query().isVisible());
    }

    private String text(String query) {
        return ((Label) robot.lookup(query).query()).getText();
    }

    private static void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void snapshot(Scene scene, String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        try {
            Files.createDirectories(Path.of("target"));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of("target", "compare-" + name + ".png").toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write the compare snapshot " + name, e);
        }
    }
}
