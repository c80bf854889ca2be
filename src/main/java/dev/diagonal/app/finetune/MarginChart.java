package dev.diagonal.app.finetune;

import dev.diagonal.app.common.LiveChart;
import dev.diagonal.project.SimilaritySnapshot;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The "Diagonal" tab beside the loss: the probe's diagonal margin and top-1 over the run's similarity
 * snapshots, refilled when the snapshots change (they are few: one per evaluation).
 */
final class MarginChart {

    private MarginChart() {}

    /** The tab, drawing only while it is selected and {@code screenShown} holds. */
    static Tab tab(SimilarityReplay replay, ObservableBooleanValue screenShown) {
        XYSeries margin = new XYSeries("diagonal margin (mean diagonal − mean off-diagonal cosine)", true, true);
        XYSeries top1 = new XYSeries("probe top-1", true, true);
        Runnable fill = () -> {
            margin.clear();
            top1.clear();
            for (SimilaritySnapshot s : replay.snapshots()) {
                add(margin, s.step(), DiagonalMargin.margin(s));
                add(top1, s.step(), DiagonalMargin.top1(s));
            }
            margin.fireSeriesChanged();
            top1.fireSeriesChanged();
        };
        replay.snapshots().addListener((ListChangeListener<SimilaritySnapshot>) change -> fill.run());
        fill.run();
        XYSeriesCollection data = new XYSeriesCollection(margin);
        data.addSeries(top1);
        LiveChart chart = new LiveChart(LiveCharts.lines(null, null, data, true));
        Tab tab = new Tab("Diagonal", chart.viewer());
        tab.setId("finetune-margin-tab");
        chart.showingWhen(tab.selectedProperty().and(screenShown));
        return tab;
    }

    private static void add(XYSeries series, long step, double value) {
        if (!Double.isNaN(value)) {
            series.add(step, value, false); // one change event per refill
        }
    }
}
