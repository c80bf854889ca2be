package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapPresetTest {

    private static SimilaritySnapshot at(long step) {
        return new SimilaritySnapshot(step, List.of("owl", "cat"), List.of("c0", "c1"),
                new float[][] {{0.5f, 0.1f}, {0.3f, 0.2f}}, null);
    }

    @Test
    void theViewIsTakenOnceTheRunsSnapshotsArriveAndAgainAfterTheReplayIsCleared() {
        SimilarityReplay replay = new SimilarityReplay();
        HeatmapViewModel model = new HeatmapViewModel(replay, null);
        HeatmapPreset.parse("before, sort=clustering, baseline=1, row=1").apply(model);
        assertThat(model.sortProperty().get()).isEqualTo(HeatmapOrder.Sort.CLUSTER);
        assertThat(model.modeProperty().get()).as("nothing to show yet").isEqualTo(HeatmapViewModel.Mode.AFTER);

        replay.add(List.of(at(0), at(10), at(20)));
        assertThat(model.modeProperty().get()).isEqualTo(HeatmapViewModel.Mode.BEFORE);
        assertThat(replay.shownProperty().get().step()).isEqualTo(10);
        model.render();
        assertThat(model.detail().detailProperty().get().heading()).isEqualTo("image cat at step 10");

        replay.clear(); // showing another run turns Before off
        replay.add(List.of(at(0), at(10)));
        assertThat(model.modeProperty().get()).isEqualTo(HeatmapViewModel.Mode.BEFORE);
    }

    @Test
    void aWrongPartIsNamed() {
        assertThatThrownBy(() -> HeatmapPreset.parse("sideways")).hasMessageContaining("not \"sideways\"");
        assertThatThrownBy(() -> HeatmapPreset.parse("after,sort=size")).hasMessage(
                "--heatmap sort= must be probe, class, margin or clustering, not \"size\"");
        assertThatThrownBy(() -> HeatmapPreset.parse("row=-1")).hasMessage("--heatmap row= must be a whole number from 0, not \"-1\"");
    }
}
