package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The heatmap's layout in a headless toolkit (Monocle). */
class HeatmapViewTest {

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theTurnedCaptionHeaderSpansTheColumnsRightBelowTheMatrix() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<String> rows = List.of("a", "b", "c");
        List<String> captions = List.of("red apple", "green apple", "pear", "a caption long enough to be cut short");
        float[][] matrix = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};

        List<Bounds> bounds = WaitForAsyncUtils.asyncFx(() -> {
            HeatmapView view = new HeatmapView(null);
            new Scene(new StackPane(view), 600, 500);
            view.show(new SimilaritySnapshot(7, rows, captions, matrix, null));
            view.applyCss();
            view.layout();
            ImageView cells = (ImageView) view.getChildrenUnmodifiable().stream()
                    .filter(ImageView.class::isInstance).findFirst().orElseThrow();
            List<Node> canvases = view.getChildrenUnmodifiable().stream().filter(Canvas.class::isInstance).toList();
            Node columns = canvases.get(1); // row header, column header, colour bar
            return List.of(cells.getBoundsInParent(), columns.getBoundsInParent());
        }).get();

        Bounds cells = bounds.get(0);
        Bounds columns = bounds.get(1);
        assertThat(cells.getWidth()).isPositive();
        assertThat(columns.getMinX()).isCloseTo(cells.getMinX(), within(0.5));
        assertThat(columns.getWidth()).isCloseTo(cells.getWidth(), within(0.5));
        assertThat(columns.getMinY()).isCloseTo(cells.getMaxY() + 2, within(0.5));
        assertThat(columns.getHeight()).isCloseTo(110, within(0.5));
    }

    @Test
    void showsThumbnailsOfWebpCmykJpegAndPngAndNoneForAMissingFile() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path images = Path.of("src/test/resources/fixtures/image/images").toAbsolutePath();
        List<String> paths = List.of(images.resolve("webp_lossless_60x40.webp").toString(),
                images.resolve("jpeg_cmyk_64x48.jpg").toString(), images.resolve("palette_P_70x50.png").toString(),
                images.resolve("no-such-file.png").toString());
        List<String> names = List.of("webp", "cmyk", "png", "missing");
        float[][] matrix = new float[4][4];
        ThumbnailLoader loader = new ThumbnailLoader(96, 10, 1);
        // JavaFX's own decoder, which the heatmap used before, does not read WebP
        assertThat(new Image(Path.of(paths.get(0)).toUri().toString(), false).isError()).isTrue();

        HeatmapView view = WaitForAsyncUtils.asyncFx(() -> {
            HeatmapView heatmap = new HeatmapView(loader);
            new Scene(new StackPane(heatmap), 600, 500);
            heatmap.show(new SimilaritySnapshot(1, names, names, matrix, paths));
            return heatmap;
        }).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, loader::isIdle);
        WaitForAsyncUtils.waitForFxEvents();

        List<Image> shown = WaitForAsyncUtils.asyncFx(
                () -> java.util.stream.IntStream.range(0, 4).mapToObj(view::thumbnail).toList()).get();
        assertThat(shown.get(0).getWidth()).isEqualTo(60);
        assertThat(shown.get(1).getWidth()).isEqualTo(64);
        assertThat(shown.get(2).getWidth()).isEqualTo(70);
        assertThat(shown.get(3)).isNull();
    }

    @Test
    void hoverNamesTheClassAndTheNumbersAndTheDiagonalIsRinged() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<String> rows = List.of("cat", "dog", "bird");
        List<String> captions = List.of("a painting of a cat.", "a rendering of a dog.", "a cartoon of a bird.");
        float[][] matrix = {{0.3f, 0.1f, 0.2f}, {0.25f, 0.2f, 0.1f}, {0f, 0.1f, 0.4f}};

        List<Object> seen = WaitForAsyncUtils.asyncFx(() -> {
            HeatmapView view = new HeatmapView(null);
            Scene scene = new Scene(new StackPane(view), 600, 500);
            SimilaritySnapshot snapshot = new SimilaritySnapshot(5, rows, captions, matrix, null);
            view.show(snapshot, new SimilarityColors(List.of(snapshot)), 50);
            scene.getRoot().applyCss();
            scene.getRoot().layout(); // the scene's size reaches the view: cells of many pixels
            ImageView cells = (ImageView) view.getChildrenUnmodifiable().stream()
                    .filter(ImageView.class::isInstance).findFirst().orElseThrow();
            double cell = cells.getImage().getWidth() / 3;
            // the pointer rests on image "dog", caption "dog": the centre of cell (1, 1)
            javafx.geometry.Point2D at = cells.localToScene(1.5 * cell, 1.5 * cell); // events carry scene coordinates
            cells.fireEvent(new MouseEvent(MouseEvent.MOUSE_MOVED, at.getX(), at.getY(), 0, 0, MouseButton.NONE, 0,
                    false, false, false, false, false, false, false, false, false, false, null));
            int c = (int) cell;
            assertThat(c).as("cells large enough to ring").isGreaterThanOrEqualTo(4);
            return List.<Object>of(view.tipText(), view.pixel(c + c / 2, c), view.pixel(c + c / 2, c + c / 2),
                    view.pixel(c / 2, c + c / 2));
        }).get();

        assertThat((String) seen.get(0)).startsWith("dog ↔ dog (a true pair)\ncosine 0.200\n")
                .contains("softmax at the run's logit scale 50.000").contains("this image's caption ranks 2 of 3")
                .contains("this caption's image ranks 1 of 3");
        assertThat(seen.get(1)).as("the true pair's cell has a ring").isEqualTo(HeatmapView.DIAGONAL);
        assertThat(seen.get(2)).as("inside the ring, its colour").isNotEqualTo(HeatmapView.DIAGONAL);
        assertThat(seen.get(3)).as("an off-diagonal cell has none").isNotEqualTo(HeatmapView.DIAGONAL)
                .isNotEqualTo(seen.get(2));
    }

    @Test
    void clickingACellPicksItsRowInProbeOrderAndShiftClickItsColumn() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<String> rows = List.of("cat", "dog", "bird");
        float[][] matrix = {{0.3f, 0.1f, 0.2f}, {0.25f, 0.2f, 0.1f}, {0f, 0.1f, 0.4f}};

        List<Integer> picked = WaitForAsyncUtils.asyncFx(() -> {
            List<Integer> out = new java.util.ArrayList<>();
            HeatmapView view = new HeatmapView(null);
            view.setOnPick(row -> out.add(row), col -> out.add(100 + col));
            Scene scene = new Scene(new StackPane(view), 600, 500);
            SimilaritySnapshot probe = new SimilaritySnapshot(5, rows, List.of("c0", "c1", "c2"), matrix, null);
            int[] order = {2, 0, 1}; // displayed: bird, cat, dog
            SimilaritySnapshot shown = HeatmapOrder.apply(probe, order, order);
            view.show(new HeatmapFrame(shown, new SimilarityColors(List.of(probe)), new SimilarityTips(shown, 50), "t",
                    "cosine", false, HeatmapView.DIAGONAL, order, order));
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            ImageView cells = (ImageView) view.getChildrenUnmodifiable().stream()
                    .filter(ImageView.class::isInstance).findFirst().orElseThrow();
            double cell = cells.getImage().getWidth() / 3;
            javafx.geometry.Point2D at = cells.localToScene(2.5 * cell, 0.5 * cell); // display row 0, column 2
            cells.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, at.getX(), at.getY(), 0, 0, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, false, false, false, null));
            cells.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, at.getX(), at.getY(), 0, 0, MouseButton.PRIMARY, 1,
                    true, false, false, false, true, false, false, false, false, false, null));
            return out;
        }).get();

        assertThat(picked).as("row 0 shows probe image 2 (bird); column 2 shows probe caption 1").containsExactly(2, 101);
    }
}
