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
import java.util.Arrays;
import java.util.List;
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
 * Scrolling a grid of 1,500 photo-sized JPEGs: the UI thread's work per scroll step (moving rows,
 * updating the cells that show new items, asking for thumbnails) stays small, because a cell is only
 * updated when its item changes and decoding happens on a background thread; afterwards every cell on
 * screen shows its thumbnail. (ControlsFX refreshes every grid cell on every layout pass; a cell that
 * rebuilt itself each time took a median 120 ms per step here, against about 15 ms now.)
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
    void scrollingThroughPhotosKeepsTheUiThreadWorkSmall() throws Exception {
        Path images = tmp.resolve("p/images");
        for (int c = 0; c < 10; c++) {
            Files.createDirectories(images.resolve("class" + c));
        }
        for (int i = 0; i < 1500; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(i / 1500f, 0.7f, 0.9f), 640, 480, Color.DARK_GRAY));
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
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> grid.getItems().size() == 1500);
        WaitForAsyncUtils.waitForFxEvents();
        VirtualFlow<?> flow = robot.from(grid).lookup(".virtual-flow").queryAs(VirtualFlow.class);

        List<Long> steps = new ArrayList<>();
        List<Long> inside = new ArrayList<>();
        for (int step = 0; step < 120; step++) {
            long start = System.nanoTime();
            long work = WaitForAsyncUtils.asyncFx(() -> {
                long t0 = System.nanoTime();
                flow.scrollPixels(130);
                flow.layout();
                return (System.nanoTime() - t0) / 1_000_000;
            }).get(10, TimeUnit.SECONDS);
            inside.add(work);
            steps.add((System.nanoTime() - start) / 1_000_000);
        }
        long[] work = inside.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] sorted = steps.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("scroll step on the UI thread ms: median %d, 90th %d, max %d; with the frame: median %d, 90th %d, max %d%n",
                work[work.length / 2], work[work.length * 9 / 10], work[work.length - 1],
                sorted[sorted.length / 2], sorted[sorted.length * 9 / 10], sorted[sorted.length - 1]);
        assertThat(work[work.length / 2]).as("median UI-thread work per scroll step in ms, all %s", Arrays.toString(work))
                .isLessThan(40);

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
