package dev.diagonal.app.common;

import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;

/**
 * A chart whose data changes often (a live run's curves). JFreeChart's canvas redraws the whole chart
 * on the UI thread at every change event, shown or not (a cleared and refilled series: two full
 * redraws). Here the canvas no longer hears the chart; the chart's changes (new data, zooming) go
 * through a {@link CoalescedRedraw}: one redraw per burst, only while the chart is showing (in a scene
 * and, with {@link #showingWhen}, e.g. on the selected tab), else when it shows again.
 */
public final class LiveChart {

    private final ChartViewer viewer;
    private final CoalescedRedraw redraw;
    private ObservableBooleanValue shownWhen;

    /** Wraps {@code chart} in a viewer. */
    public LiveChart(JFreeChart chart) {
        viewer = new ChartViewer(chart);
        ChartCanvas canvas = viewer.getCanvas();
        redraw = new CoalescedRedraw(Platform::runLater, canvas::draw);
        chart.removeChangeListener(canvas);
        chart.addChangeListener(event -> redraw.request());
        viewer.sceneProperty().addListener((obs, old, scene) -> updateShowing());
        updateShowing();
    }

    /** Counts the chart as hidden while {@code shown} is false (e.g. its tab is not selected). */
    public LiveChart showingWhen(ObservableBooleanValue shown) {
        shownWhen = shown;
        shown.addListener((obs, old, now) -> updateShowing());
        updateShowing();
        return this;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    private void updateShowing() {
        redraw.setShowing(viewer.getScene() != null && (shownWhen == null || shownWhen.get()));
    }
}
