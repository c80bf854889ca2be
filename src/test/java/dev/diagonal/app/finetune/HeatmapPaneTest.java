package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The heatmap's controls on a shown stage in a headless toolkit (Monocle), driven by the robot: the
 * Difference toggle, the sort choice, the click-through panel and the export buttons.
 */
class HeatmapPaneTest {

    /** Six pairs; class names out of alphabetical order, so sorting by class moves them. */
    private static final List<String> CLASSES = List.of("owl", "cat", "eel", "ant", "dog", "bee");
    private static final List<String> CAPTIONS = CLASSES.stream().map(c -> "a photo of one " + c).toList();

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private final SimilarityReplay replay = new SimilarityReplay();
    private TestSessions t;
    private HeatmapViewModel model;

    @BeforeEach
    void show() throws Exception {
        t = new TestSessions(tmp);
        model = new HeatmapViewModel(replay, t.session);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            // inside Monocle's default 1280 × 800 screen (a larger stage overflows its painter's buffer)
            stage.setScene(new Scene(new HeatmapPane(model, new SimpleBooleanProperty(true), null), 960, 740));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** Step {@code step}: each image's own caption at {@code diagonal + row / 100}, the others at 0.1 · (r + c) / 10. */
    private static SimilaritySnapshot at(long step, float diagonal) {
        int n = CLASSES.size();
        float[][] m = new float[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                m[r][c] = r == c ? diagonal + r / 100f : 0.01f * (r + c);
            }
        }
        return new SimilaritySnapshot(step, CLASSES, CAPTIONS, m, null);
    }

    @Test
    void differenceRedrawsOnTheDivergingPaletteAndSaysWhenTheProbesDiffer() throws Exception {
        fx(() -> replay.add(List.of(at(0, 0.2f), at(10, 0.5f))));
        int afterPixel = fx(() -> view().pixel(centre(), centre()));
        assertThat(afterPixel).isEqualTo(new SimilarityColors(List.of(at(0, 0.2f), at(10, 0.5f))).color(0.5));
        assertThat(hover(0, 0)).contains("cosine 0.500");

        robot.clickOn("#similarity-difference");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.modeProperty().get()).isEqualTo(HeatmapViewModel.Mode.DIFFERENCE);
        // every true pair rose by 0.3, the largest change: the red end of the scale
        SimilaritySnapshot change = DifferenceColors.difference(at(10, 0.5f), at(0, 0.2f));
        assertThat(fx(() -> view().pixel(centre(), centre()))).isEqualTo(new DifferenceColors(change).color(change.matrix()[0][0]))
                .isNotEqualTo(afterPixel);
        assertThat(change.matrix()[0][0]).isEqualTo(0.3f, org.assertj.core.api.Assertions.within(1e-6f));
        // an off-diagonal cell did not move: the scale's white middle
        assertThat(fx(() -> view().pixel((int) cell() + centre(), centre()))).isEqualTo(DifferenceColors.palette(0.5));
        assertThat(hover(0, 0)).contains("after − before +0.300", "step 10: 0.500 · step 0: 0.200");
        assertThat(label("#similarity-note").isVisible()).isFalse();

        SimilaritySnapshot otherProbe = new SimilaritySnapshot(20, List.of("x", "y"), List.of("cx", "cy"),
                new float[][] {{1, 0}, {0, 1}}, null);
        fx(() -> replay.add(List.of(otherProbe)));
        assertThat(label("#similarity-note").isVisible()).isTrue();
        assertThat(label("#similarity-note").getText()).isEqualTo(
                "Step 20 and step 0 were scored on different probes: no difference to show.");
    }

    @Test
    void choosingASortReordersTheRowHeaders() throws Exception {
        // image "ant" (row 3) is closer to owl's caption than to its own: the worst margin
        SimilaritySnapshot s = at(0, 0.2f);
        s.matrix()[3][0] = 0.5f;
        fx(() -> replay.add(List.of(s)));
        assertThat(fx(() -> view().rowNames())).isEqualTo(CLASSES);

        choose("#similarity-sort", "class");
        assertThat(fx(() -> view().rowNames())).containsExactly("ant", "bee", "cat", "dog", "eel", "owl");

        choose("#similarity-sort", "diagonal margin");
        List<String> byMargin = fx(() -> view().rowNames());
        assertThat(byMargin.get(0)).isEqualTo("ant");
        assertThat(byMargin.stream().map(name -> HeatmapOrder.margin(s, CLASSES.indexOf(name))).toList()).isSorted();

        choose("#similarity-sort", "probe order");
        assertThat(fx(() -> view().rowNames())).isEqualTo(CLASSES);
    }

    @Test
    void clickingARowShowsTheImagesTopFiveCaptionsAndTheRankOfItsOwn() throws Exception {
        // image "eel" (row 2) likes caption 5 best and its own second
        SimilaritySnapshot s = at(10, 0.2f);
        s.matrix()[2][5] = 0.9f;
        fx(() -> replay.add(List.of(s)));

        ImageView cells = fx(() -> (ImageView) view().getChildrenUnmodifiable().stream()
                .filter(ImageView.class::isInstance).findFirst().orElseThrow());
        Point2D onEel = fx(() -> cells.localToScreen(3.5 * cell(), 2.5 * cell()));
        robot.clickOn(onEel);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx(() -> ((TabPane) robot.lookup("#similarity-below").query()).getSelectionModel().getSelectedItem().getText()))
                .isEqualTo("Detail");
        assertThat(label("#probe-detail-heading").getText()).isEqualTo("image eel at step 10");
        assertThat(label("#probe-detail-rank").getText()).isEqualTo("its caption \"a photo of one eel\" ranks 2 of 6");
        List<String> lines = fx(this::detailLines);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("1. a photo of one bee 0.900");
        assertThat(lines.get(1)).isEqualTo("2. a photo of one eel  (its caption) 0.220");

        // a caption below the matrix (the header is drawn unturned, one line per column, and turned): its best images
        Canvas captions = fx(() -> (Canvas) view().getChildrenUnmodifiable().stream().filter(Canvas.class::isInstance)
                .skip(1).findFirst().orElseThrow());
        robot.clickOn(fx(() -> captions.localToScreen(captions.getWidth() / 2, 3.5 * cell())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label("#probe-detail-heading").getText()).isEqualTo("caption \"a photo of one ant\" at step 10");
        assertThat(fx(this::detailLines).get(0)).isEqualTo("1. ant  (its image) 0.230");
    }

    @Test
    void exportWritesTheCsvAndThePngWhereTheSaveDialogSays() throws Exception {
        fx(() -> replay.add(List.of(at(0, 0.2f), at(10, 0.5f))));
        Path csv = tmp.resolve("out/heatmap.csv");
        Path png = tmp.resolve("out/heatmap.png");
        Files.createDirectories(csv.getParent());
        t.dialogs.files.add(csv);
        robot.clickOn("#similarity-export-csv");
        WaitForAsyncUtils.waitForFxEvents();
        t.dialogs.files.add(png);
        robot.clickOn("#similarity-export-png");
        WaitForAsyncUtils.waitForFxEvents();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + CLASSES.size());
        assertThat(lines.get(0)).startsWith("image \\ caption,a photo of one owl,");
        assertThat(lines.get(1)).startsWith("owl,0.500000,0.010000,");
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isPositive();
        assertThat(label("#similarity-note").getText()).isEqualTo("Wrote " + png);
        assertThat(t.dialogs.errors).isEmpty();
    }

    private HeatmapView view() {
        return robot.lookup(n -> n instanceof HeatmapView).query();
    }

    private double cell() {
        ImageView cells = (ImageView) view().getChildrenUnmodifiable().stream().filter(ImageView.class::isInstance)
                .findFirst().orElseThrow();
        return cells.getImage().getWidth() / CLASSES.size();
    }

    private int centre() {
        return (int) (cell() / 2);
    }

    /** The tooltip text with the pointer on cell {@code row, col} as shown. */
    private String hover(int row, int col) throws Exception {
        ImageView cells = fx(() -> (ImageView) view().getChildrenUnmodifiable().stream()
                .filter(ImageView.class::isInstance).findFirst().orElseThrow());
        robot.moveTo(fx(() -> cells.localToScreen((col + 0.5) * cell(), (row + 0.5) * cell())));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> view().tipText());
    }

    private void choose(String query, String item) {
        robot.clickOn(query);
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((ChoiceBox<?>) robot.lookup(query).query()).getValue()).hasToString(item);
    }

    private Label label(String query) {
        return robot.lookup(query).query();
    }

    /** The detail's list, a line per match: its cells' texts joined. */
    private List<String> detailLines() {
        GridPane grid = robot.lookup("#probe-detail-matches").query();
        int rows = grid.getChildren().stream().mapToInt(n -> GridPane.getRowIndex(n)).max().orElse(-1) + 1;
        return IntStream.range(0, rows).mapToObj(r -> String.join(" ", grid.getChildren().stream()
                .filter(n -> GridPane.getRowIndex(n) == r && n instanceof Label).map(n -> ((Label) n).getText()).toList()))
                .toList();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        T value = WaitForAsyncUtils.asyncFx(work).get();
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    private static void fx(Runnable work) throws Exception {
        fx(() -> {
            work.run();
            return null;
        });
    }
}
