package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Charts;
import dev.diagonal.eval.MetricNames;
import dev.diagonal.project.EvaluationEvent;
import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of a live run: loss per step and evaluation metrics per step (the heatmap is {@link HeatmapView}). */
final class LiveCharts {

    private LiveCharts() {}

    /** A line chart over steps whose series the caller fills. */
    static JFreeChart lines(String title, String yLabel, XYSeriesCollection data, boolean shapes) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", yLabel, data, PlotOrientation.VERTICAL,
                true, true, false);
        Charts.style(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < Charts.SERIES.length; i++) {
            renderer.setSeriesPaint(i, Charts.SERIES[i]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        chart.getXYPlot().setRenderer(renderer);
        NumberAxis range = (NumberAxis) chart.getXYPlot().getRangeAxis();
        range.setAutoRangeIncludesZero(false);
        range.setAutoRangeMinimumSize(1e-3); // a flat curve gets a readable axis, not 8.3333334E-2 twenty times
        range.setNumberFormatOverride(new java.text.DecimalFormat("0.#####")); // not 2.36655E0 for small tick units
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /**
     * The names of the metrics the evaluations reported, sorted, {@code zeroshot_top1} first when there, then
     * the validation top-1 of the methods without a training loop ({@code probe_val_top1}, {@code tip_val_top1}).
     */
    static List<String> metricNames(List<EvaluationEvent> evaluations) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        evaluations.forEach(e -> names.addAll(e.metrics().keySet()));
        List<String> sorted = new java.util.ArrayList<>(names);
        List<String> first = new java.util.ArrayList<>(sorted.stream().filter(n -> n.endsWith("val_top1")).toList());
        if (sorted.contains(MetricNames.ZEROSHOT_TOP1)) {
            first.add(0, MetricNames.ZEROSHOT_TOP1);
        }
        sorted.removeAll(first);
        sorted.addAll(0, first);
        return sorted;
    }

    /** Refills {@code series} with one metric over the evaluations, redrawing once. */
    static void fill(XYSeries series, String metric, List<EvaluationEvent> evaluations) {
        series.clear();
        for (EvaluationEvent evaluation : metric == null ? List.<EvaluationEvent>of() : evaluations) {
            Double value = evaluation.metrics().get(metric);
            if (value != null && Double.isFinite(value)) {
                series.add(evaluation.step(), value, false);
            }
        }
        series.setKey(metric == null ? "metric" : metric);
        series.fireSeriesChanged();
    }
}
