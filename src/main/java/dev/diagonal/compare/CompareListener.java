package dev.diagonal.compare;

import dev.diagonal.train.TrainingListener;
import java.time.Duration;

/**
 * What a {@link Comparison} reports: cells as they start, are skipped (finished by an earlier run) or
 * finish. Called on the comparison's thread; every method has a no-op default.
 */
public interface CompareListener {

    /** Hears nothing. */
    CompareListener NONE = new CompareListener() {};

    /**
     * A cell starts.
     *
     * @param index 1-based position among all cells
     * @param eta estimated time left for this and the remaining cells, or null before any cell ran here
     */
    default void onCellStart(int index, int total, Cell cell, Duration eta) {}

    /** A cell was finished before (row file and completed run folder) and is not redone. */
    default void onCellSkipped(int index, int total, CellRow row) {}

    /** A cell finished and its row file is written. */
    default void onCellDone(int index, int total, CellRow row) {}

    /** A remark (an unfinished run folder restarted, an evaluation note). */
    default void onNote(String message) {}

    /** What hears each cell's training run. */
    default TrainingListener training() {
        return TrainingListener.NONE;
    }
}
