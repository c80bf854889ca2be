package dev.diagonal.compare;

import dev.diagonal.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.StandardEntityCollection;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The two comparison charts as PNGs (JFreeChart core, headless): few-shot curves and ID vs OOD. */
final class Charts {

    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2)};
    private static final Color ZERO_SHOT = Color.BLACK;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 650;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // drawing needs no display
        }
    }

    private Charts() {}

    /** Test top-1 against shots, one curve per method, mean ± std over seeds; zero-shot at 0 shots. */
    static void fewShot(Path file, List<CellRow> rows) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setCapLength(6);
        Map<String, YIntervalSeries> byMethod = new LinkedHashMap<>();
        for (Summary s : Summary.of(rows)) {
            YIntervalSeries series = byMethod.computeIfAbsent(s.method(), m -> new YIntervalSeries(m, false, true));
            double mean = s.testTop1().mean();
            series.add(s.shots(), mean, mean - s.testTop1().std(), mean + s.testTop1().std());
        }
        int index = 0;
        int colour = 0;
        for (Map.Entry<String, YIntervalSeries> e : byMethod.entrySet()) {
            data.addSeries(e.getValue());
            boolean zero = Cell.ZERO_SHOT.equals(e.getKey());
            Color paint = zero ? ZERO_SHOT : PALETTE[colour++ % PALETTE.length];
            renderer.setSeriesPaint(index, paint);
            renderer.setSeriesLinesVisible(index, !zero);
            renderer.setSeriesShape(index, zero ? star(9) : dot(4));
            index++;
        }
        NumberAxis x = new NumberAxis("shots per class");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        double maxShots = rows.stream().mapToInt(CellRow::shots).max().orElse(1);
        x.setRange(-0.5, maxShots + 0.5);
        NumberAxis y = new NumberAxis("test top-1 (mean ± std over seeds)");
        y.setAutoRangeIncludesZero(false);
        y.setNumberFormatOverride(percent());
        XYPlot plot = new XYPlot(data, x, y, renderer);
        write(file, new JFreeChart("Few-shot: test top-1 by shots", JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /**
     * Test top-1 (x) against mean shift top-1 (y), both on logit axes: the y = x line, the zero-shot star,
     * each fine-tuned cell, and each cell's WiSE-FT curve from α = 0 (zero-shot) to α = 1 (the run).
     *
     * @return where the star and each cell's point were drawn, in the PNG's pixels
     */
    static List<ChartPoint> idVsOod(Path file, List<CellRow> rows, CellRow base, List<String> shifts) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<Integer, List<String>> cellsOfSeries = new LinkedHashMap<>(); // the clickable series, item by item
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        List<double[]> all = new ArrayList<>();
        CellRow zero = base != null ? base : rows.stream().filter(r -> r.cell().zeroShot()).findFirst().orElse(null);
        if (zero != null) {
            all.add(new double[] {zero.testTop1(), zero.meanShiftTop1()});
        }
        Map<String, List<CellRow>> byMethod = new LinkedHashMap<>();
        for (CellRow row : rows) {
            if (!row.cell().zeroShot()) {
                byMethod.computeIfAbsent(row.method(), m -> new ArrayList<>()).add(row);
                all.add(new double[] {row.testTop1(), row.meanShiftTop1()});
                row.wiseFt().forEach(p -> all.add(new double[] {p.testTop1(), p.meanShiftTop1()}));
            }
        }
        double lo = all.stream().flatMapToDouble(p -> java.util.Arrays.stream(p)).map(LogitAxis::logit).min().orElse(-3);
        double hi = all.stream().flatMapToDouble(p -> java.util.Arrays.stream(p)).map(LogitAxis::logit).max().orElse(0);
        double pad = Math.max(0.2, (hi - lo) * 0.08);
        XYSeries diagonal = new XYSeries("y = x", false, true);
        diagonal.add(lo - pad, lo - pad);
        diagonal.add(hi + pad, hi + pad);
        int index = add(data, diagonal);
        renderer.setSeriesPaint(index, Color.GRAY);
        renderer.setSeriesLinesVisible(index, true);
        renderer.setSeriesShapesVisible(index, false);
        renderer.setSeriesStroke(index, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        int colour = 0;
        for (Map.Entry<String, List<CellRow>> e : byMethod.entrySet()) {
            Color paint = PALETTE[colour++ % PALETTE.length];
            XYSeries points = new XYSeries(e.getKey(), false, true);
            e.getValue().forEach(r -> points.add(LogitAxis.logit(r.testTop1()), LogitAxis.logit(r.meanShiftTop1())));
            index = add(data, points);
            cellsOfSeries.put(index, e.getValue().stream().map(r -> r.cell().name()).toList());
            renderer.setSeriesPaint(index, paint);
            renderer.setSeriesShape(index, dot(5));
            for (CellRow row : e.getValue()) {
                if (row.wiseFt().isEmpty()) {
                    continue;
                }
                XYSeries curve = new XYSeries(row.cell().name() + " WiSE-FT", false, true);
                row.wiseFt().forEach(p -> curve.add(LogitAxis.logit(p.testTop1()), LogitAxis.logit(p.meanShiftTop1())));
                index = add(data, curve);
                renderer.setSeriesPaint(index, paint);
                renderer.setSeriesLinesVisible(index, true);
                renderer.setSeriesShape(index, dot(2));
                renderer.setSeriesVisibleInLegend(index, false);
            }
        }
        if (zero != null) {
            XYSeries star = new XYSeries("zero-shot", false, true);
            star.add(LogitAxis.logit(zero.testTop1()), LogitAxis.logit(zero.meanShiftTop1()));
            index = add(data, star);
            cellsOfSeries.put(index, List.of(zero.cell().name()));
            renderer.setSeriesPaint(index, ZERO_SHOT);
            renderer.setSeriesShape(index, star(10));
        }
        LogitAxis x = new LogitAxis("test top-1 (in distribution, logit scale)");
        LogitAxis y = new LogitAxis((shifts.size() == 1 ? "shift top-1 (" : "mean shift top-1 (") + String.join(", ", shifts)
                + "; logit scale)");
        x.setRange(lo - pad, hi + pad);
        y.setRange(lo - pad, hi + pad);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
        write(file, new JFreeChart("In distribution vs under shift (lines: WiSE-FT α 0 → 1)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true), info);
        List<ChartPoint> drawn = new ArrayList<>();
        for (Object entity : info.getEntityCollection().getEntities()) {
            if (entity instanceof XYItemEntity item && cellsOfSeries.containsKey(item.getSeriesIndex())) {
                Rectangle2D box = item.getArea().getBounds2D();
                drawn.add(new ChartPoint(cellsOfSeries.get(item.getSeriesIndex()).get(item.getItem()), box.getCenterX(),
                        box.getCenterY()));
            }
        }
        return drawn;
    }

    private static int add(XYSeriesCollection data, XYSeries series) {
        data.addSeries(series);
        return data.getSeriesCount() - 1;
    }

    private static NumberFormat percent() {
        NumberFormat format = NumberFormat.getPercentInstance(Locale.ROOT);
        format.setMaximumFractionDigits(1);
        return format;
    }

    private static Shape dot(double radius) {
        return new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
    }

    /** A five-pointed star centred on the origin. */
    private static Shape star(double radius) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? radius : radius * 0.45;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            if (i == 0) {
                path.moveTo(r * Math.cos(angle), r * Math.sin(angle));
            } else {
                path.lineTo(r * Math.cos(angle), r * Math.sin(angle));
            }
        }
        path.closePath();
        return path;
    }

    private static void write(Path file, JFreeChart chart) {
        write(file, chart, null);
    }

    /** Draws at {@value #WIDTH} × {@value #HEIGHT}; {@code info} (may be null) hears where each item went. */
    private static void write(Path file, JFreeChart chart, ChartRenderingInfo info) {
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT, info);
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }
}
