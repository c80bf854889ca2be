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
}
