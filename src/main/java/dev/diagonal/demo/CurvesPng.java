package dev.diagonal.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The fine-tuning curves as one PNG (JFreeChart, no display needed): training loss per step with the
 * chance line {@code ln(batch)}, and the evaluation metrics over steps.
 */
final class CurvesPng {

    private CurvesPng() {}

    /**
     * Writes the chart.
     *
     * @param loss (step, loss) points
     * @param chance the loss of a model that cannot tell the batch apart, {@code ln(batch)}
     * @param evaluations metric name → (step, value) points
     */
    static void write(Path file, String title, List<double[]> loss, double chance, Map<String, List<double[]>> evaluations) {
        XYSeriesCollection lossData = new XYSeriesCollection();
        lossData.addSeries(series("training loss", loss));
        XYSeries chanceLine = new XYSeries("chance: ln(batch)");
        if (!loss.isEmpty()) {
            chanceLine.add(loss.get(0)[0], chance);
            chanceLine.add(loss.get(loss.size() - 1)[0], chance);
        }
        lossData.addSeries(chanceLine);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        lossRenderer.setSeriesPaint(0, new Color(0x1F77B4));
        lossRenderer.setSeriesPaint(1, Color.GRAY);
        lossRenderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        XYPlot lossPlot = new XYPlot(lossData, null, new NumberAxis("loss"), lossRenderer);
        ((NumberAxis) lossPlot.getRangeAxis()).setAutoRangeIncludesZero(false);

        XYSeriesCollection evalData = new XYSeriesCollection();
        evaluations.forEach((name, points) -> evalData.addSeries(series(name, points)));
        XYPlot evalPlot = new XYPlot(evalData, null, new NumberAxis("evaluation"), new XYLineAndShapeRenderer(true, true));

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("step"));
        plot.add(lossPlot, 3);
        plot.add(evalPlot, 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage image = chart.createBufferedImage(1000, 700);
        HeatmapPng.writePng(file, image);
    }

    private static XYSeries series(String name, List<double[]> points) {
        XYSeries series = new XYSeries(name, false, true);
        for (double[] p : points) {
            series.add(p[0], p[1]);
        }
        return series;
    }
}
