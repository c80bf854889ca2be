package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapViewModelTest {

    private static SimilaritySnapshot at(long step, float diag) {
        return new SimilaritySnapshot(step, List.of("owl", "cat"), List.of("c0", "c1"),
                new float[][] {{diag, 0.1f}, {0.3f, diag / 2}}, null);
    }

    private final SimilarityReplay replay = new SimilarityReplay();
    private final HeatmapViewModel model = new HeatmapViewModel(replay, null);

    @Test
    void differenceComparesTheShownStepWithTheChosenBaseline() {
        replay.add(List.of(at(0, 0.2f), at(10, 0.4f), at(20, 0.8f)));
        model.modeProperty().set(HeatmapViewModel.Mode.DIFFERENCE);
        HeatmapFrame frame = model.render();
        assertThat(frame.signed()).isTrue();
        assertThat(frame.cells().matrix()[0][0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(frame.colors().max()).isCloseTo(0.6, within(1e-6));

        replay.baselineIndexProperty().set(1);
        assertThat(model.render().cells().matrix()[0][0]).isCloseTo(0.4f, within(1e-6f));
    }

    @Test
    void beforeShowsTheBaselineAndAfterTheSelectedStep() {
        replay.add(List.of(at(0, 0.2f), at(10, 0.4f)));
        model.modeProperty().set(HeatmapViewModel.Mode.BEFORE);
        assertThat(model.render().cells().step()).isZero();
        model.modeProperty().set(HeatmapViewModel.Mode.AFTER);
        assertThat(model.render().cells().step()).isEqualTo(10);
        assertThat(model.render().signed()).isFalse();
    }

    @Test
    void sortAndNegativesFollowTheShownStep() {
        replay.add(List.of(at(0, 0.2f)));
        model.sortProperty().set(HeatmapOrder.Sort.CLASS);
        HeatmapFrame frame = model.render();
        assertThat(frame.rows()).containsExactly(1, 0);
        assertThat(frame.cells().rowLabels()).containsExactly("cat", "owl");
        assertThat(frame.cells().matrix()[0][0]).isCloseTo(0.1f, within(1e-6f));
        assertThat(model.negatives()).extracting(HardNegatives.Negative::row).containsExactly(1, 0);
    }

    @Test
    void theClickedImageKeepsItsDetailAcrossSteps() {
        replay.add(List.of(at(0, 0.2f)));
        model.render();
        model.detail().selectRow(1);
        ProbeDetailViewModel.Detail d = model.detail().detailProperty().get();
        assertThat(d.heading()).isEqualTo("image cat at step 0");
        assertThat(d.rank()).isEqualTo("its caption \"c1\" ranks 2 of 2");
        assertThat(d.matches()).extracting(ProbeRanking.Match::index).containsExactly(0, 1);
        replay.add(List.of(at(10, 0.8f)));
        model.render();
        assertThat(model.detail().detailProperty().get().rank()).isEqualTo("its caption \"c1\" ranks 1 of 2");
        model.detail().selectColumn(0);
        assertThat(model.detail().detailProperty().get().rank()).isEqualTo("its image ranks 1 of 2");
        model.detail().close();
        assertThat(model.detail().detailProperty().get()).isNull();
    }
}
