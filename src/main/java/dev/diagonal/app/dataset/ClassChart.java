package dev.diagonal.app.dataset;

import dev.diagonal.app.common.Charts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The class distribution as a bar chart, largest class first. Up to {@value #LABELLED} classes get a
 * labelled bar each; with more the bars stay (tooltips name them) and the subtitle names the extremes.
 */
final class ClassChart {

    /** Above this many classes the class names are left off the axis. */
    static final int LABELLED = 24;

    private ClassChart() {}

    static JFreeChart create(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Integer> entry : sorted) {
            data.addValue(entry.getValue(), "samples", entry.getKey());
        }
        boolean labelled = sorted.size() <= LABELLED;
        JFreeChart chart = ChartFactory.createBarChart(counts.isEmpty() ? "No labels" : sorted.size() + " classes",
                null, "samples", data, labelled ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, false, true, false);
        Charts.style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        if (!labelled) {
            plot.getDomainAxis().setTickLabelsVisible(false);
            plot.getDomainAxis().setTickMarksVisible(false);
            plot.getDomainAxis().setCategoryMargin(0.1);
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        }
        plot.getDomainAxis().setLowerMargin(0.01);
        plot.getDomainAxis().setUpperMargin(0.01);
        if (!sorted.isEmpty()) {
            Map.Entry<String, Integer> largest = sorted.get(0);
            Map.Entry<String, Integer> smallest = sorted.get(sorted.size() - 1);
            TextTitle subtitle = new TextTitle(String.format("largest %s (%d), smallest %s (%d)",
                    largest.getKey(), largest.getValue(), smallest.getKey(), smallest.getValue()));
            subtitle.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
            chart.addSubtitle(subtitle);
        }
        return chart;
    }
}
