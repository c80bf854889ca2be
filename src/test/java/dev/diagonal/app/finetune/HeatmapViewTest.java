package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
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
            HeatmapView view = new HeatmapView();
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
}
