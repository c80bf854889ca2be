package dev.diagonal.app.zeroshot;

import dev.diagonal.app.common.Charts;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The confusion matrix as a heatmap: rows are true classes (top to bottom), columns predicted classes,
 * each cell coloured by the share of its row; tooltips give the counts. Class names label the axes up to
 * {@value #NAMED} classes, numbers beyond.
 */
final class ConfusionChart {

    static final int NAMED = 30;

    private ConfusionChart() {}

    static JFreeChart create(List<String> classes, int[][] confusion) {
        int k = classes.size();
        double[] xs = new double[k * k];
        double[] ys = new double[k * k];
        double[] zs = new double[k * k];
        for (int truth = 0; truth < k; truth++) {
            int rowTotal = 0;
            for (int value : confusion[truth]) {
                rowTotal += value;
            }
            for (int predicted = 0; predicted < k; predicted++) {
                int i = truth * k + predicted;
                xs[i] = predicted;
                ys[i] = truth;
                zs[i] = rowTotal == 0 ? 0 : confusion[truth][predicted] / (double) rowTotal;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("confusion", new double[][] {xs, ys, zs});

        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = scale();
        renderer.setPaintScale(scale);
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> {
            int predicted = (int) dataset.getXValue(series, item);
            int truth = (int) dataset.getYValue(series, item);
            return String.format("%s → %s: %d (%.0f %% of %s)", classes.get(truth), classes.get(predicted),
                    confusion[truth][predicted], 100 * ((DefaultXYZDataset) dataset).getZValue(series, item), classes.get(truth));
        });
        ValueAxis x = axis("predicted", classes);
        ValueAxis y = axis("true class", classes);
        y.setInverted(true);
        if (k <= NAMED && x instanceof SymbolAxis symbols) {
            symbols.setVerticalTickLabels(true);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Charts.style(chart);
        plot.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis("share of the true class");
        legendAxis.setRange(0, 1);
        legendAxis.setTickLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(12);
        legend.setMargin(4, 8, 4, 4);
        chart.addSubtitle(legend);
        return chart;
    }

    private static ValueAxis axis(String label, List<String> classes) {
        ValueAxis axis;
        if (classes.size() <= NAMED) {
            axis = new SymbolAxis(label, classes.toArray(String[]::new));
            ((SymbolAxis) axis).setGridBandsVisible(false);
        } else {
            NumberAxis numbers = new NumberAxis(label + " (class number)");
            numbers.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis = numbers;
        }
        axis.setRange(-0.5, classes.size() - 0.5);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        return axis;
    }

    /** White for 0, then light to dark accent blue in 10 steps. */
    private static LookupPaintScale scale() {
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        scale.add(0.0, new Color(0xf7f9fc));
        for (int step = 1; step <= 10; step++) {
            float t = step / 10f;
            Color light = new Color(0xdbe7fb);
            Color dark = new Color(0x123f8c);
            int r = Math.round(light.getRed() + t * (dark.getRed() - light.getRed()));
            int g = Math.round(light.getGreen() + t * (dark.getGreen() - light.getGreen()));
            int b = Math.round(light.getBlue() + t * (dark.getBlue() - light.getBlue()));
            scale.add((step - 1) / 10.0 + 1e-9, new Color(r, g, b));
        }
        return scale;
    }
}
