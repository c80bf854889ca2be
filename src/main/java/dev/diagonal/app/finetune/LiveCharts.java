package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Charts;
import dev.diagonal.project.SimilaritySnapshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of a live run: loss per step, evaluation metrics per step, the probe batch's similarities. */
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
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /** The names of the metrics the evaluations reported, sorted, {@code zeroshot_top1} first when there. */
    static List<String> metricNames(List<TrainingFeed.Evaluation> evaluations) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        evaluations.forEach(e -> names.addAll(e.metrics().keySet()));
        List<String> sorted = new java.util.ArrayList<>(names);
        if (sorted.remove("zeroshot_top1")) {
            sorted.add(0, "zeroshot_top1");
        }
        return sorted;
    }

    /** Refills {@code series} with one metric over the evaluations, redrawing once. */
    static void fill(XYSeries series, String metric, List<TrainingFeed.Evaluation> evaluations) {
        series.clear();
        for (TrainingFeed.Evaluation evaluation : metric == null ? List.<TrainingFeed.Evaluation>of() : evaluations) {
            Double value = evaluation.metrics().get(metric);
            if (value != null && Double.isFinite(value)) {
                series.add(evaluation.step(), value, false);
            }
        }
        series.setKey(metric == null ? "metric" : metric);
        series.fireSeriesChanged();
    }

    /** The similarity matrix of the probe batch: images down, captions across, the diagonal should light up. */
    static JFreeChart similarity(SimilaritySnapshot snapshot) {
        int rows = snapshot.rowLabels().size();
        int cols = snapshot.colLabels().size();
        double[] xs = new double[rows * cols];
        double[] ys = new double[rows * cols];
        double[] zs = new double[rows * cols];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                xs[i] = c;
                ys[i] = r;
                zs[i] = snapshot.matrix()[r][c];
                min = Math.min(min, zs[i]);
                max = Math.max(max, zs[i]);
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("similarity", new double[][] {xs, ys, zs});
        LookupPaintScale scale = new LookupPaintScale(min, max + 1e-9, Color.WHITE);
        for (int step = 0; step < 12; step++) {
            float t = step / 11f;
            scale.add(min + (max - min) * step / 12.0, new Color(Math.round(247 - t * 229), Math.round(249 - t * 186),
                    Math.round(252 - t * 112)));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        renderer.setDefaultToolTipGenerator(new SimilarityTips(snapshot));
        ValueAxis x = axis("captions", snapshot.colLabels());
        x.setVerticalTickLabels(true); // captions side by side would overlap
        ValueAxis y = axis("images", snapshot.rowLabels());
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("probe batch at step " + snapshot.step(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Charts.style(chart);
        NumberAxis legendAxis = new NumberAxis("similarity");
        legendAxis.setRange(min, max);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(12);
        legend.setMargin(4, 8, 4, 4);
        chart.addSubtitle(legend);
        return chart;
    }

    private static ValueAxis axis(String label, List<String> names) {
        ValueAxis axis;
        if (names.size() <= 16) {
            String[] shortNames = names.stream().map(n -> n.length() > 22 ? n.substring(0, 21) + "…" : n).toArray(String[]::new);
            SymbolAxis symbols = new SymbolAxis(label, shortNames);
            symbols.setGridBandsVisible(false);
            axis = symbols;
        } else {
            NumberAxis numbers = new NumberAxis(label);
            numbers.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis = numbers;
        }
        axis.setRange(-0.5, names.size() - 0.5);
        return axis;
    }
}
