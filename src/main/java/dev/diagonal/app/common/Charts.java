package dev.diagonal.app.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;

/** One look for every chart: white plot, light grid, the app's accent colour, readable fonts. */
public final class Charts {

    /** The accent colour of the workbench (also in workbench.css). */
    public static final Color ACCENT = new Color(0x2f6fde);
    /** Colours for several series, accent first. */
    public static final Color[] SERIES = {ACCENT, new Color(0xe0662f), new Color(0x2a9d6a), new Color(0x9b51c9),
        new Color(0xc9a227), new Color(0x3fb3c4), new Color(0xd6457a), new Color(0x6b7280)};
    private static final Color GRID = new Color(0xe3e6ea);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {}

    /** Applies the look to a chart and returns it. */
    public static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE);
            title.setPaint(new Color(0x1f2933));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
            category.setRangeGridlineStroke(new BasicStroke(1f));
            category.getDomainAxis().setTickLabelFont(LABEL);
            category.getRangeAxis().setTickLabelFont(LABEL);
            category.getDomainAxis().setLabelFont(LABEL);
            category.getRangeAxis().setLabelFont(LABEL);
            if (category.getRenderer() instanceof BarRenderer bars) {
                bars.setBarPainter(new StandardBarPainter());
                bars.setShadowVisible(false);
                bars.setSeriesPaint(0, ACCENT);
                bars.setDrawBarOutline(false);
            }
        } else if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.getDomainAxis().setTickLabelFont(LABEL);
            xy.getRangeAxis().setTickLabelFont(LABEL);
            xy.getDomainAxis().setLabelFont(LABEL);
            xy.getRangeAxis().setLabelFont(LABEL);
        }
        return chart;
    }
}
