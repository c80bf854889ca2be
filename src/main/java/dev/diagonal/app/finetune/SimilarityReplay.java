package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every similarity snapshot of a run so far, and which one the heatmap shows: a selected step that
 * follows the latest while it is at the end (a new snapshot moves it along) and stays put once the user
 * picks an older one; with "before" on, the first snapshot instead, to compare it with the selected one.
 */
public final class SimilarityReplay {

    private final ObservableList<SimilaritySnapshot> snapshots = FXCollections.observableArrayList();
    // one wrapper for every caller: it hears the list through a weak listener, so listeners added to a
    // wrapper made per call went silent once that wrapper was collected
    private final ObservableList<SimilaritySnapshot> readOnly = FXCollections.unmodifiableObservableList(snapshots);
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(-1);
    private final SimpleBooleanProperty followingLatest = new SimpleBooleanProperty(true);
    private final BooleanProperty before = new SimpleBooleanProperty();
    private final IntegerProperty baselineIndex = new SimpleIntegerProperty(0);
    private final ReadOnlyObjectWrapper<SimilaritySnapshot> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(MethodTraits.emptyHeatmap(null));
    private SimilaritySnapshot instead;
    private String insteadLabel;
    private boolean adding;
    private final java.util.TreeMap<Long, Double> logitScales = new java.util.TreeMap<>();

    public SimilarityReplay() {
        selectedIndex.addListener((obs, old, index) -> {
            int clamped = Math.max(snapshots.isEmpty() ? -1 : 0, Math.min(index.intValue(), snapshots.size() - 1));
            if (clamped != index.intValue()) {
                selectedIndex.set(clamped);
                return;
            }
            if (!adding) {
                followingLatest.set(clamped == snapshots.size() - 1);
            }
            refresh();
        });
        before.addListener((obs, old, on) -> {
            instead = null;
            refresh();
        });
        baselineIndex.addListener((obs, old, index) -> {
            if (before.get()) {
                refresh();
            }
        });
    }

    /**
     * Shows {@code snapshot} (e.g. the probe batch under WiSE-FT weights), labelled {@code label}, until a step
     * or Before is chosen or snapshots change; null goes back to the selected step.
     */
    public void showInstead(SimilaritySnapshot snapshot, String label) {
        instead = snapshot;
        insteadLabel = label;
        refresh();
    }

    /** Adds snapshots (any order); one with a step already present replaces it. */
    public void add(List<SimilaritySnapshot> more) {
        if (more.isEmpty()) {
            return;
        }
        List<SimilaritySnapshot> all = new ArrayList<>(snapshots);
        for (SimilaritySnapshot snapshot : more) {
            all.removeIf(s -> s.step() == snapshot.step());
            all.add(snapshot);
        }
        all.sort(Comparator.comparingLong(SimilaritySnapshot::step));
        SimilaritySnapshot selected = selected();
        adding = true;
        snapshots.setAll(all);
        if (followingLatest.get() || selected == null) {
            selectedIndex.set(all.size() - 1);
        } else {
            selectedIndex.set(indexOfStep(selected.step()));
        }
        adding = false;
        refresh();
    }

    /** Notes the run's {@code exp(logit_scale)} at {@code step}, for the tooltips' softmax; NaN is ignored. */
    void noteLogitScale(long step, double scale) {
        if (scale > 0 && Double.isFinite(scale)) {
            logitScales.put(step, scale);
        }
    }

    /** The run's logit scale at the last noted step up to {@code step} (else the first noted), NaN when none is. */
    double logitScaleAt(long step) {
        var entry = logitScales.floorEntry(step);
        entry = entry != null ? entry : logitScales.ceilingEntry(step);
        return entry == null ? Double.NaN : entry.getValue();
    }

    /** Forgets every snapshot and follows the latest again. */
    public void clear() {
        instead = null;
        logitScales.clear();
        adding = true;
        snapshots.clear();
        selectedIndex.set(-1);
        adding = false;
        followingLatest.set(true);
        before.set(false);
        baselineIndex.set(0);
        refresh();
    }

    /** Selects the snapshot at {@code index} (clamped); the end of the list follows the latest again. */
    public void select(int index) {
        instead = null;
        selectedIndex.set(index);
        refresh();
    }

    /** The snapshots, ascending by step. */
    public ObservableList<SimilaritySnapshot> snapshots() {
        return readOnly;
    }

    /** The index of the selected snapshot, -1 when there is none; a slider binds to this. */
    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    /** Whether the selection moves to each new snapshot (true while the last one is selected). */
    public ReadOnlyBooleanProperty followingLatestProperty() {
        return followingLatest;
    }

    /** Whether the first snapshot is shown instead of the selected one. */
    public BooleanProperty beforeProperty() {
        return before;
    }

    /**
     * Which snapshot "before" means (and the Difference view subtracts): an index into {@link #snapshots()},
     * the first one unless the user compares with another step; clamped when read.
     */
    public IntegerProperty baselineIndexProperty() {
        return baselineIndex;
    }

    /** The baseline snapshot, null when there is none. */
    SimilaritySnapshot baseline() {
        return snapshots.isEmpty() ? null : snapshots.get(baselineIndexClamped());
    }

    private int baselineIndexClamped() {
        return Math.max(0, Math.min(baselineIndex.get(), snapshots.size() - 1));
    }

    /** The snapshot to draw, null when there is none. */
    public ReadOnlyObjectProperty<SimilaritySnapshot> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** {@code step 120 · 13 of 13}, {@code step 0 (before) · 1 of 13}, or empty. */
    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    /** What the heatmap says while there is no snapshot: when they will come, or why the run's method has none. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    void setEmptyText(String text) {
        emptyText.set(text);
    }

    private SimilaritySnapshot selected() {
        int index = selectedIndex.get();
        return index < 0 || index >= snapshots.size() ? null : snapshots.get(index);
    }

    private int indexOfStep(long step) {
        for (int i = 0; i < snapshots.size(); i++) {
            if (snapshots.get(i).step() == step) {
                return i;
            }
        }
        return snapshots.size() - 1;
    }

    private void refresh() {
        if (instead != null) {
            shown.set(instead);
            label.set(insteadLabel);
            return;
        }
        int index = before.get() && !snapshots.isEmpty() ? baselineIndexClamped() : selectedIndex.get();
        SimilaritySnapshot target = index < 0 || index >= snapshots.size() ? null : snapshots.get(index);
        shown.set(target);
        label.set(target == null ? "" : "step " + target.step() + (before.get() ? " (before)" : "")
                + " · " + (index + 1) + " of " + snapshots.size());
    }
}
