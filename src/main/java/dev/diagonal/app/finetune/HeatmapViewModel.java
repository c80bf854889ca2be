package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.Session;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the heatmap shows and offers beyond the step slider: Before | After | Difference (after − before,
 * "before" being the first snapshot or the step chosen to compare with), the order of rows and columns,
 * the click-through detail, the hardest negatives and the PNG / CSV export. Composes a
 * {@link HeatmapFrame} when the view asks ({@link #render()}, once per coalesced redraw).
 */
public final class HeatmapViewModel {

    /** The three views of the toggle. */
    public enum Mode { BEFORE, AFTER, DIFFERENCE }

    private final SimilarityReplay replay;
    private final Session session;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.AFTER);
    private final ObjectProperty<HeatmapOrder.Sort> sort = new SimpleObjectProperty<>(HeatmapOrder.Sort.PROBE);
    private final IntegerProperty negativeCount = new SimpleIntegerProperty(HardNegatives.DEFAULT_COUNT);
    private final ObservableList<HardNegatives.Negative> negatives = FXCollections.observableArrayList();
    private SimilaritySnapshot rankedFor; // the snapshot and count the negatives were ranked for
    private int rankedCount;
    private final ProbeDetailViewModel detail = new ProbeDetailViewModel();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final Command exportPng = new Command(() -> export(true));
    private final Command exportCsv = new Command(() -> export(false));
    private HeatmapFrame last;
    // the last clustering: it costs O(n³), and a mode or a hover must not redo it
    private SimilaritySnapshot orderedSnapshot;
    private HeatmapOrder.Sort orderedBy;
    private int[] order;

    /** @param session asks for export files and writes them in the background; null: no export (tests) */
    HeatmapViewModel(SimilarityReplay replay, Session session) {
        this.replay = replay;
        this.session = session;
        mode.addListener((obs, old, value) -> replay.beforeProperty().set(value == Mode.BEFORE));
        replay.beforeProperty().addListener((obs, old, on) -> {
            if (on) {
                mode.set(Mode.BEFORE);
            } else if (mode.get() == Mode.BEFORE) {
                mode.set(Mode.AFTER);
            }
        });
    }

    /** Runs {@code redraw} whenever what {@link #render()} composes may have changed. */
    void onChange(Runnable redraw) {
        for (Observable o : List.<Observable>of(replay.shownProperty(), replay.snapshots(), replay.baselineIndexProperty(),
                mode, sort, negativeCount)) {
            o.addListener(x -> redraw.run());
        }
    }

    /**
     * The picture to draw now, null when there is no snapshot; also re-ranks the click-through detail and the
     * hardest negatives for the shown step (the after side of a difference).
     */
    HeatmapFrame render() {
        SimilaritySnapshot shown = replay.shownProperty().get();
        detail.update(shown);
        if (shown == null) {
            negatives.clear();
            rankedFor = null;
            last = null;
            note.set("");
            return null;
        }
        if (shown != rankedFor || negativeCount.get() != rankedCount) {
            // a new sort, mode or baseline leaves the shown step's negatives as they were: the gallery keeps its cards
            negatives.setAll(HardNegatives.top(shown, Math.max(0, negativeCount.get())));
            rankedFor = shown;
            rankedCount = negativeCount.get();
        }
        SimilaritySnapshot base = mode.get() == Mode.DIFFERENCE ? replay.baseline() : null;
        SimilaritySnapshot difference = base == null ? null : DifferenceColors.difference(shown, base);
        note.set(base != null && difference == null ? "Step " + shown.step() + " and step " + base.step()
                + " were scored on different probes: no difference to show." : "");
        int[] pairs = order(shown);
        int[] rows = HeatmapOrder.restrict(pairs, shown.rowLabels().size());
        int[] cols = HeatmapOrder.restrict(pairs, shown.colLabels().size());
        SimilaritySnapshot sorted = HeatmapOrder.apply(shown, rows, cols);
        String by = sort.get() == HeatmapOrder.Sort.PROBE ? "" : ", by " + sort.get();
        if (difference != null) {
            last = new HeatmapFrame(HeatmapOrder.apply(difference, rows, cols), new DifferenceColors(difference),
                    new DifferenceTips(sorted, HeatmapOrder.apply(base, rows, cols)),
                    "difference: step " + shown.step() + " − step " + base.step() + by, "after − before", true,
                    DifferenceColors.RING, rows, cols);
        } else {
            // one scale over the whole run (and a preview shown instead), so a colour is one cosine at every step
            List<SimilaritySnapshot> all = new ArrayList<>(replay.snapshots());
            all.add(shown);
            last = new HeatmapFrame(sorted, new SimilarityColors(all), new SimilarityTips(sorted, replay.logitScaleAt(shown.step())),
                    "probe batch at step " + shown.step() + ": images × captions" + by, "cosine", false,
                    HeatmapView.DIAGONAL, rows, cols);
        }
        return last;
    }

    private int[] order(SimilaritySnapshot shown) {
        if (shown != orderedSnapshot || sort.get() != orderedBy) {
            order = HeatmapOrder.pairs(shown, sort.get());
            orderedSnapshot = shown;
            orderedBy = sort.get();
        }
        return order;
    }

    private void export(boolean png) {
        HeatmapFrame frame = last;
        if (frame == null || session == null) {
            note.set("Nothing to export yet: the heatmap is empty.");
            return;
        }
        String extension = png ? "png" : "csv";
        Path folder = session.project() == null ? null : session.project().folder();
        String name = "heatmap-step-" + frame.cells().step() + (frame.signed() ? "-difference" : "") + "." + extension;
        session.dialogs().chooseSaveFile("Export the heatmap as " + extension.toUpperCase(java.util.Locale.ROOT), folder,
                name, png ? "PNG image" : "CSV table", List.of("*." + extension)).ifPresent(file ->
                session.tasks().task("Exporting the heatmap", context -> {
                    if (png) {
                        HeatmapExport.writePng(frame, file);
                    } else {
                        HeatmapExport.writeCsv(frame, file);
                    }
                    return file;
                }).quiet()
                        .onSuccess(written -> note.set("Wrote " + written))
                        .onFailure(error -> note.set("Export failed: " + Errors.message(error)))
                        .start());
    }

    /** Before | After | Difference. */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The order of rows and columns. */
    public ObjectProperty<HeatmapOrder.Sort> sortProperty() {
        return sort;
    }

    /** How many hardest negatives the gallery shows (8 unless changed). */
    public IntegerProperty negativeCountProperty() {
        return negativeCount;
    }

    /** The shown step's hardest negatives, most similar first. */
    public ObservableList<HardNegatives.Negative> negatives() {
        return negatives;
    }

    /** The click-through panel's content. */
    ProbeDetailViewModel detail() {
        return detail;
    }

    /** The snapshots and which step is shown or compared with. */
    public SimilarityReplay replay() {
        return replay;
    }

    /** A line on the last export, or why the Difference view cannot be drawn; empty otherwise. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Writes the heatmap as shown to a PNG, through the save dialog. */
    public Command exportPngCommand() {
        return exportPng;
    }

    /** Writes the matrix as shown to a CSV, through the save dialog. */
    public Command exportCsvCommand() {
        return exportCsv;
    }
}
