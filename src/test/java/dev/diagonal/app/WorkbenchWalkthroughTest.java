package dev.diagonal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.project.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench end to end in a headless toolkit (Monocle): start on the start page, open a recent
 * project, go to zero-shot, run it on a tiny model, see the scores, the per-class table, the confusion
 * matrix and the mistakes; a shortcut goes to the dataset grid; closing remembers the project and the
 * window. Screens are written to {@code target/walkthrough-*.png} for a look.
 */
class WorkbenchWalkthroughTest {

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
    void openAProjectRunZeroShotAndSeeTheResults() throws Exception {
        Path projectDir = tmp.resolve("fruit-project");
        Project project = Project.create(projectDir, "fruit");
        project.setModel(TestSessions.tinyModel(tmp.resolve("tiny-model")));
        TestSessions.imageFolder(projectDir.resolve("fruit"));
        project.putDataset("fruit", projectDir.resolve("fruit"), DatasetRole.EVAL);
        project.save();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("settings.json"), "{\"recentProjects\": [\"" + projectDir.toString().replace("\\", "\\\\") + "\"]}");
        System.setProperty("diagonal.home", home.toString());
        System.setProperty("diagonal.root", Files.createDirectories(tmp.resolve("install")).toString());

        System.setProperty("headless.geometry", "1440x1024-32"); // Monocle's screen must hold the 1280x860 window
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(WorkbenchApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#welcome").isVisible()).as("start page without a project").isTrue();
        ListView<?> recent = (ListView<?>) lookup("#recent-projects");
        assertThat(java.util.List.<Object>copyOf(recent.getItems())).containsExactly(projectDir);

        robot.doubleClickOn(robot.from(recent).lookup(".list-cell").nth(0).queryAs(Node.class));
        waitUntil(30, () -> lookup("#project-overview").isVisible());
        assertThat(stage.getTitle()).isEqualTo("fruit — Diagonal");
        snapshot(stage.getScene(), "project");

        robot.clickOn("#nav-zeroshot");
        waitUntil(60, () -> text("#zeroshot-status").equals("5 images in 2 classes"));
        robot.clickOn("#run-zeroshot");
        Thread.sleep(1500);
        snapshot(stage.getScene(), "running");
        waitUntil(180, () -> text("#zeroshot-summary").startsWith("top-1"));

        assertThat(text("#zeroshot-summary")).contains("top-5 100.0 %");
        assertThat(text("#zeroshot-status")).startsWith("fruit: 5 images, 2 classes");
        TableView<?> perClass = (TableView<?>) lookup("#per-class");
        assertThat(perClass.getItems()).hasSize(2);
        snapshot(stage.getScene(), "zeroshot");
        TabPane tabs = (TabPane) lookup("#zeroshot-tabs");
        robot.clickOn(tabs.getTabs().get(1).getText());
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(stage.getScene(), "confusion");
        robot.clickOn(tabs.getTabs().get(2).getText());
        WaitForAsyncUtils.waitForFxEvents();
        GridView<?> mistakes = (GridView<?>) lookup("#mistakes");
        int wrong = (int) Math.round((1 - top1()) * 5);
        assertThat(mistakes.getItems()).hasSize(wrong);
        assertThat(tabs.getTabs().get(2).getText()).isEqualTo("Mistakes (" + wrong + ")");
        Thread.sleep(500); // thumbnails
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(stage.getScene(), "mistakes");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        // every screen stays in the scene; only the shown one is visible and takes part in layout
        waitUntil(10, () -> robot.lookup("#screen-dataset").tryQuery().map(Node::isVisible).orElse(false));
        Node zeroShot = robot.lookup("#screen-zeroshot").query();
        assertThat(zeroShot.isVisible()).isFalse();
        assertThat(zeroShot.isManaged()).isFalse();
        GridView<?> samples = (GridView<?>) lookup("#sample-grid");
        waitUntil(30, () -> samples.getItems().size() == 5);

        FxToolkit.cleanupApplication(app);
        app = null;
        Settings settings = Settings.load(home);
        assertThat(settings.lastProject()).contains(projectDir);
        assertThat(settings.windowGeometry()).hasValueSatisfying(g -> assertThat(g.width()).isEqualTo(WorkbenchApp.WIDTH));
    }

    private double top1() {
        String summary = text("#zeroshot-summary");
        String value = summary.substring("top-1 ".length(), summary.indexOf('%')).strip();
        return Double.parseDouble(value) / 100;
    }

    private Node lookup(String query) {
        return robot.lookup(query).query();
    }

    private String text(String query) {
        return ((Label) lookup(query)).getText();
    }

    private static void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void snapshot(Scene scene, String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        try {
            Files.createDirectories(Path.of("target"));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of("target", "walkthrough-" + name + ".png").toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write the walkthrough snapshot " + name, e);
        }
    }
}
