package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The heatmap's click-through: the clicked image (a row) with its top captions, or the clicked caption (a
 * column) with its top images, and where the true partner ranks. The choice is kept by probe index, so it
 * follows the item through re-sorting and is re-ranked at every step the heatmap moves to.
 */
final class ProbeDetailViewModel {

    /** How many partners the detail lists. */
    static final int TOP = 5;

    /**
     * What the panel shows.
     *
     * @param row true for an image (a row), false for a caption (a column)
     * @param index the row or column in probe order
     * @param heading the image's class or the caption, and the step
     * @param imagePath the clicked image's path (a row with a known path), else null
     * @param rank where the true partner ranks, in words
     * @param matches the best partners, best first
     */
    record Detail(boolean row, int index, String heading, String imagePath, String rank, List<ProbeRanking.Match> matches) {}

    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>();
    private SimilaritySnapshot snapshot;
    private boolean row;
    private int index = -1;

    /** Shows image {@code row} of the probe (in probe order). */
    void selectRow(int probeRow) {
        row = true;
        index = probeRow;
        refresh();
    }

    /** Shows caption {@code col} of the probe (in probe order). */
    void selectColumn(int probeCol) {
        row = false;
        index = probeCol;
        refresh();
    }

    /** Closes the panel. */
    void close() {
        index = -1;
        refresh();
    }

    /** Ranks the chosen item in {@code shown} (the snapshot the heatmap shows; null: none). */
    void update(SimilaritySnapshot shown) {
        snapshot = shown;
        refresh();
    }

    /** The detail to show, null when nothing is chosen (or the chosen item is not in the shown probe). */
    ReadOnlyObjectProperty<Detail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    private void refresh() {
        SimilaritySnapshot s = snapshot;
        int size = s == null ? 0 : row ? s.rowLabels().size() : s.colLabels().size();
        if (index < 0 || index >= size) {
            detail.set(null);
            return;
        }
        if (row) {
            int rank = ProbeRanking.captionRank(s, index);
            String own = rank > 0 ? ProbeLabels.columns(s).get(index) : null;
            detail.set(new Detail(true, index, "image " + s.rowLabels().get(index) + " at step " + s.step(),
                    s.imagePaths() == null ? null : s.imagePaths().get(index),
                    rank == 0 ? "this image has no caption of its own in the probe"
                            : String.format(Locale.ROOT, "its caption \"%s\" ranks %d of %d", own, rank, s.colLabels().size()),
                    ProbeRanking.topCaptions(s, index, TOP)));
        } else {
            int rank = ProbeRanking.imageRank(s, index);
            detail.set(new Detail(false, index, "caption \"" + ProbeLabels.columns(s).get(index) + "\" at step " + s.step(), null,
                    rank == 0 ? "this caption has no image of its own in the probe"
                            : String.format(Locale.ROOT, "its image ranks %d of %d", rank, s.rowLabels().size()),
                    ProbeRanking.topImages(s, index, TOP)));
        }
    }
}
