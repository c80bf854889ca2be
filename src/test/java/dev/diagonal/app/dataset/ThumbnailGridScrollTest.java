package dev.diagonal.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.WorkbenchApp;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javax.imageio.ImageIO;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Scrolling a grid of 600 photo-sized JPEGs: the grid is virtualised (it holds cells for the rows on
 * screen, not one per photo, and reuses them as it scrolls), scrolling moves through the rows, and
 * afterwards every cell on screen shows its thumbnail. How long a scroll step takes on the UI thread is
 * measured by the workbench's hidden {@code --bench-ui} benchmark, not here.
 */
class ThumbnailGridScrollTest {

    @TempDir
    Path tmp;

    private Application app;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void scrollingThroughPhotosReusesAFewCellsAndShowsEveryThumbnail() throws Exception {
        int photos = 600;
        Path images = tmp.resolve("p/images");
        for (int c = 0; c < 10; c++) {
            Files.createDirectories(images.resolve("class" + c));
        }
        for (int i = 0; i < photos; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(i / (float) photos, 0.7f, 0.9f), 640, 480, Color.DARK_GRAY));
            g.fillRect(0, 0, 640, 480);
            g.dispose();
            ImageIO.write(image, "jpg", images.resolve("class" + i % 10).resolve(i + ".jpg").toFile());
        }
        Project project = Project.create(tmp.resolve("p"), "photos");
        project.putDataset("photos", images, DatasetRole.TRAIN);
        project.save();
        System.setProperty("diagonal.home", Files.createDirectories(tmp.resolve("home")).toString());
        System.setProperty("headless.geometry", "1440x1024-32");

        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(WorkbenchApp.class, "--project", tmp.resolve("p").toString(), "--screen", "dataset");
        FxRobot robot = new FxRobot();
        GridView<?> grid = robot.lookup("#sample-grid").queryAs(GridView.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> grid.getItems().size() == photos);
        WaitForAsyncUtils.waitForFxEvents();
        VirtualFlow<?> flow = robot.from(grid).lookup(".virtual-flow").queryAs(VirtualFlow.class);
        int firstRowBefore = WaitForAsyncUtils.asyncFx(() -> flow.getFirstVisibleCell().getIndex()).get();
        Set<Object> cellsSeen = new HashSet<>();

        for (int step = 0; step < 40; step++) {
            cellsSeen.addAll(WaitForAsyncUtils.asyncFx(() -> {
                flow.scrollPixels(130);
                flow.layout();
                return List.copyOf(grid.lookupAll(".grid-cell"));
            }).get(10, TimeUnit.SECONDS));
        }

        int firstRowAfter = WaitForAsyncUtils.asyncFx(() -> flow.getFirstVisibleCell().getIndex()).get();
        assertThat(firstRowBefore).isZero();
        assertThat(firstRowAfter).as("first row on screen after scrolling 40 x 130 px").isGreaterThan(10);
        assertThat(cellsSeen).as("grid cells ever made while scrolling past %d photos", photos)
                .isNotEmpty().hasSizeLessThan(photos / 4);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> visibleImages(flow)).get()
                .stream().allMatch(view -> view.getImage() != null));
        assertThat(WaitForAsyncUtils.asyncFx(() -> visibleImages(flow)).get()).hasSizeGreaterThan(10);
    }

    private static List<ImageView> visibleImages(VirtualFlow<?> flow) {
        List<ImageView> views = new ArrayList<>();
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null) {
            return views;
        }
        for (int row = first.getIndex(); row <= last.getIndex(); row++) {
            IndexedCell<?> cell = flow.getVisibleCell(row);
            if (cell != null) {
                cell.lookupAll(".image-view").forEach(node -> {
                    if (node.isVisible() && node.getParent() != null && node.getScene() != null) {
                        views.add((ImageView) node);
                    }
                });
            }
        }
        return views;
    }
}
