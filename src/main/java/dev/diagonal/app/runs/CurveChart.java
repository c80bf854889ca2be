package dev.diagonal.app.runs;

import dev.diagonal.app.common.Charts;
import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Curves of one metric, one line per run. */
final class CurveChart {

    private CurveChart() {}

    static JFreeChart create(String metric, List<Curve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve curve : curves) {
            XYSeries series = new XYSeries(curve.run(), false, true);
            for (int i = 0; i < curve.size(); i++) {
                series.add(curve.steps()[i], curve.values()[i]);
            }
            data.addSeries(series);
        }
        String title = curves.isEmpty() ? "Select runs to compare their curves" : metric;
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", metric, data, PlotOrientation.VERTICAL,
                true, true, false);
        Charts.style(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            renderer.setSeriesPaint(i, Charts.SERIES[i % Charts.SERIES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.8f));
            renderer.setSeriesShapesVisible(i, curves.get(i).size() < 40);
        }
        plot.setRenderer(renderer);
        if (plot.getRangeAxis() instanceof org.jfree.chart.axis.NumberAxis axis) {
            axis.setAutoRangeIncludesZero(false);
            axis.setAutoRangeMinimumSize(1e-3);
        }
        return chart;
    }
}
