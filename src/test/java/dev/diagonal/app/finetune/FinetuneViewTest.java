package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.app.common.ThumbnailLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The fine-tune screen's charts in a headless toolkit (Monocle). */
class FinetuneViewTest {

    @TempDir
    Path tmp;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aRunShownBeforeTheScreenIsBuiltIsDrawnInTheCharts() throws Exception {
        TestSessions t = FinetuneViewModelTest.sessionIn(tmp);
        FinetuneViewModel first = new FinetuneViewModel(t.session);
        FinetuneViewModelTest.small(first, 2);
        first.startCommand().execute();
        FinetuneViewModel reopened = new FinetuneViewModel(t.session); // shows the project's newest run
        int steps = reopened.display().steps().size();
        int evaluations = reopened.display().evaluations().size();
        List<dev.diagonal.project.SimilaritySnapshot> snapshots = List.copyOf(reopened.display().replay().snapshots());
        assertThat(snapshots).isNotEmpty();
        assertThat(steps).isPositive();
        FxToolkit.registerPrimaryStage();

        List<ChartViewer> viewers = WaitForAsyncUtils.asyncFx(() -> {
            FinetuneView view = new FinetuneView(reopened, new ThumbnailLoader(96, 50, 1));
            new Scene(view, 1200, 800);
            view.applyCss();
            view.layout();
            List<ChartViewer> found = new ArrayList<>();
            collect(view, found);
            return found;
        }).get();

        ChartViewer loss = viewers.stream()
                .filter(v -> "loss".equals(v.getChart().getXYPlot().getRangeAxis().getLabel())).findFirst().orElseThrow();
        assertThat(loss.getChart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(steps);
        // the Diagonal tab: margin and probe top-1 at every snapshot's step
        ChartViewer margin = viewers.stream().filter(v -> v.getChart().getXYPlot().getDataset().getSeriesCount() == 2)
                .findFirst().orElseThrow();
        ChartViewer metric = viewers.stream().filter(v -> v != loss && v != margin).findFirst().orElseThrow();
        assertThat(metric.getChart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(evaluations);
        var data = margin.getChart().getXYPlot().getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getItemCount(0)).isEqualTo(snapshots.size());
        assertThat(data.getYValue(0, 0)).isCloseTo(DiagonalMargin.margin(snapshots.get(0)), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(data.getXValue(1, snapshots.size() - 1)).isEqualTo(snapshots.get(snapshots.size() - 1).step());
    }

    private static void collect(Node node, List<ChartViewer> found) {
        if (node instanceof ChartViewer viewer) {
            found.add(viewer);
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }
}
