package dev.diagonal.app.finetune;

import static dev.diagonal.app.finetune.FakeRun.snapshotAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityReplayTest {

    private final SimilarityReplay replay = new SimilarityReplay();

    private long shownStep() {
        return replay.shownProperty().get().step();
    }

    @Test
    void startsEmptyAndFollowsEachNewSnapshot() {
        assertThat(replay.shownProperty().get()).isNull();
        assertThat(replay.selectedIndexProperty().get()).isEqualTo(-1);
        assertThat(replay.labelProperty().get()).isEmpty();

        replay.add(List.of(snapshotAt(0, 0.2f)));
        assertThat(shownStep()).isZero();
        replay.add(List.of(snapshotAt(10, 0.5f), snapshotAt(20, 0.8f)));

        assertThat(replay.snapshots()).extracting(SimilaritySnapshot::step).containsExactly(0L, 10L, 20L);
        assertThat(replay.selectedIndexProperty().get()).isEqualTo(2);
        assertThat(shownStep()).isEqualTo(20);
        assertThat(replay.followingLatestProperty().get()).isTrue();
        assertThat(replay.labelProperty().get()).isEqualTo("step 20 · 3 of 3");
    }

    @Test
    void aSnapshotShownInsteadStaysUntilAStepOrBeforeIsChosen() {
        replay.add(List.of(snapshotAt(0, 0.2f), snapshotAt(10, 0.5f)));
        SimilaritySnapshot wise = snapshotAt(0, 0.9f);

        replay.showInstead(wise, "WiSE-FT α 0.50");
        assertThat(replay.shownProperty().get()).isSameAs(wise);
        assertThat(replay.labelProperty().get()).isEqualTo("WiSE-FT α 0.50");

        replay.select(1); // the step already selected: back to it all the same
        assertThat(shownStep()).isEqualTo(10);
        assertThat(replay.labelProperty().get()).isEqualTo("step 10 · 2 of 2");

        replay.showInstead(wise, "WiSE-FT α 0.50");
        replay.beforeProperty().set(true);
        assertThat(replay.labelProperty().get()).isEqualTo("step 0 (before) · 1 of 2");
        replay.showInstead(wise, "WiSE-FT α 0.25");
        replay.clear();
        assertThat(replay.shownProperty().get()).isNull();
    }

    @Test
    void anOlderStepStaysChosenWhileNewOnesArriveUntilTheEndIsChosenAgain() {
        replay.add(List.of(snapshotAt(0, 0.2f), snapshotAt(10, 0.5f), snapshotAt(20, 0.8f)));

        replay.select(1);
        assertThat(replay.followingLatestProperty().get()).isFalse();
        replay.add(List.of(snapshotAt(30, 0.9f)));
        assertThat(shownStep()).isEqualTo(10);
        assertThat(replay.labelProperty().get()).isEqualTo("step 10 · 2 of 4");

        replay.select(3);
        assertThat(replay.followingLatestProperty().get()).isTrue();
        replay.add(List.of(snapshotAt(40, 0.95f)));
        assertThat(shownStep()).isEqualTo(40);
    }

    @Test
    void selectionIsClampedToTheSnapshots() {
        replay.add(List.of(snapshotAt(0, 0.2f), snapshotAt(10, 0.5f)));
        replay.select(0);
        replay.select(99);
        assertThat(replay.selectedIndexProperty().get()).isEqualTo(1);
        replay.select(-5);
        assertThat(replay.selectedIndexProperty().get()).isZero();
    }

    @Test
    void beforeShowsTheFirstSnapshotAndThenTheChosenOneAgain() {
        replay.add(List.of(snapshotAt(0, 0.2f), snapshotAt(10, 0.5f), snapshotAt(20, 0.8f)));
        replay.select(1);

        replay.beforeProperty().set(true);
        assertThat(shownStep()).isZero();
        assertThat(replay.labelProperty().get()).isEqualTo("step 0 (before) · 1 of 3");
        replay.add(List.of(snapshotAt(30, 0.9f)));
        assertThat(shownStep()).isZero();

        replay.beforeProperty().set(false);
        assertThat(shownStep()).isEqualTo(10);
    }

    @Test
    void aSnapshotOfAKnownStepReplacesItAndSnapshotsAreKeptInStepOrder() {
        replay.add(List.of(snapshotAt(20, 0.8f), snapshotAt(0, 0.2f)));
        replay.add(List.of(snapshotAt(20, 0.7f)));

        assertThat(replay.snapshots()).extracting(SimilaritySnapshot::step).containsExactly(0L, 20L);
        assertThat(replay.shownProperty().get().matrix()[0][0]).isEqualTo(0.7f);
    }

    @Test
    void clearForgetsEverythingAndFollowsAgain() {
        replay.add(List.of(snapshotAt(0, 0.2f), snapshotAt(10, 0.5f)));
        replay.select(0);
        replay.beforeProperty().set(true);

        replay.clear();

        assertThat(replay.snapshots()).isEmpty();
        assertThat(replay.shownProperty().get()).isNull();
        assertThat(replay.beforeProperty().get()).isFalse();
        replay.add(List.of(snapshotAt(5, 0.3f), snapshotAt(6, 0.4f)));
        assertThat(shownStep()).isEqualTo(6);
    }

    @Test
    void theLogitScaleForASnapshotIsTheRunsLastOneUpToItsStep() {
        SimilarityReplay replay = new SimilarityReplay();
        assertThat(replay.logitScaleAt(10)).isNaN();
        replay.noteLogitScale(5, 90);
        replay.noteLogitScale(20, 110);
        replay.noteLogitScale(30, Double.NaN); // a step without one (a method that does not train it)

        assertThat(replay.logitScaleAt(0)).as("before the first noted: the first").isEqualTo(90);
        assertThat(replay.logitScaleAt(19)).isEqualTo(90);
        assertThat(replay.logitScaleAt(20)).isEqualTo(110);
        assertThat(replay.logitScaleAt(40)).isEqualTo(110);
        replay.clear();
        assertThat(replay.logitScaleAt(40)).isNaN();
    }
}
