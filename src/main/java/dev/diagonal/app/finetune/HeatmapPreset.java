package dev.diagonal.app.finetune;

import dev.diagonal.DiagonalException;
import java.util.Arrays;
import java.util.Locale;
import javafx.collections.ListChangeListener;

/**
 * A view of the heatmap chosen on the command line ({@code --heatmap difference,sort=margin,row=3}), so that
 * {@code --snapshot} can picture each view: a mode ({@code before}, {@code after}, {@code difference}), and
 * optionally {@code sort=probe|class|margin|clustering}, {@code baseline=N} (the N-th snapshot, from 0, to
 * compare with), {@code row=N} or {@code col=N} (the click-through detail of image or caption N, probe order).
 */
public final class HeatmapPreset {

    private final HeatmapViewModel.Mode mode;
    private final HeatmapOrder.Sort sort;
    private final int baseline;
    private final int row; // the image to open in the detail, -1: none
    private final int col; // the caption to open in the detail, -1: none

    private HeatmapPreset(HeatmapViewModel.Mode mode, HeatmapOrder.Sort sort, int baseline, int row, int col) {
        this.mode = mode;
        this.sort = sort;
        this.baseline = baseline;
        this.row = row;
        this.col = col;
    }

    /** Reads {@code spec}; a wrong part is named in the exception. */
    public static HeatmapPreset parse(String spec) {
        HeatmapViewModel.Mode mode = HeatmapViewModel.Mode.AFTER;
        HeatmapOrder.Sort sort = HeatmapOrder.Sort.PROBE;
        int baseline = 0;
        int row = -1;
        int col = -1;
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            switch (key) {
                case "before" -> mode = HeatmapViewModel.Mode.BEFORE;
                case "after" -> mode = HeatmapViewModel.Mode.AFTER;
                case "difference" -> mode = HeatmapViewModel.Mode.DIFFERENCE;
                case "sort" -> sort = Arrays.stream(HeatmapOrder.Sort.values())
                        .filter(s -> s.name().equalsIgnoreCase(value) || s.toString().equals(value)
                                || value.equals("clustering") && s == HeatmapOrder.Sort.CLUSTER)
                        .findFirst().orElseThrow(() -> new DiagonalException(
                                "--heatmap sort= must be probe, class, margin or clustering, not \"" + value + "\""));
                case "baseline" -> baseline = index(value, key);
                case "row" -> row = index(value, key);
                case "col" -> col = index(value, key);
                default -> throw new DiagonalException("--heatmap takes before, after or difference, and sort=, baseline=, "
                        + "row= or col=, not \"" + part.trim() + "\"");
            }
        }
        return new HeatmapPreset(mode, sort, baseline, row, col);
    }

    /**
     * Puts {@code model} in this view now and again whenever its run's snapshots change (showing a run starts
     * from an empty replay, which turns Before off; the baseline needs its snapshot to exist).
     */
    public void apply(HeatmapViewModel model) {
        Runnable set = () -> {
            model.sortProperty().set(sort);
            model.replay().baselineIndexProperty().set(baseline);
            if (!model.replay().snapshots().isEmpty()) {
                model.modeProperty().set(mode);
            }
            if (row >= 0) {
                model.detail().selectRow(row);
            } else if (col >= 0) {
                model.detail().selectColumn(col);
            }
        };
        model.replay().snapshots().addListener((ListChangeListener<Object>) change -> set.run());
        set.run();
    }

    private static int index(String value, String key) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DiagonalException("--heatmap " + key + "= must be a whole number from 0, not \"" + value + "\"");
    }
}
