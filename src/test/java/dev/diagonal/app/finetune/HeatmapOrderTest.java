package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapOrderTest {

    private static final SimilaritySnapshot SNAP = new SimilaritySnapshot(5, List.of("owl", "Cat", "dog"),
            List.of("c0", "c1", "c2"), new float[][] {{0.9f, 0.1f, 0.5f}, {0.7f, 0.2f, 0.3f}, {0.85f, 0.15f, 0.45f}}, null);

    @Test
    void sortsByClassAndMargin() {
        assertThat(HeatmapOrder.pairs(SNAP, HeatmapOrder.Sort.PROBE)).containsExactly(0, 1, 2);
        assertThat(HeatmapOrder.pairs(SNAP, HeatmapOrder.Sort.CLASS)).containsExactly(1, 2, 0);
        // margins: 0.4, -0.5, -0.4
        assertThat(HeatmapOrder.margin(SNAP, 1)).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(HeatmapOrder.pairs(SNAP, HeatmapOrder.Sort.MARGIN)).containsExactly(1, 2, 0);
    }

    @Test
    void clusteringGroupsAlikeRowsAndApplyKeepsTheDiagonal() {
        int[] order = HeatmapOrder.pairs(SNAP, HeatmapOrder.Sort.CLUSTER);
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2);
        // rows 0 and 2 are nearly equal, so they are neighbours
        assertThat(Math.abs(indexOf(order, 0) - indexOf(order, 2))).isEqualTo(1);
        SimilaritySnapshot sorted = HeatmapOrder.apply(SNAP, order, order);
        for (int i = 0; i < 3; i++) {
            assertThat(sorted.matrix()[i][i]).isEqualTo(SNAP.matrix()[order[i]][order[i]]);
            assertThat(sorted.rowLabels().get(i)).isEqualTo(SNAP.rowLabels().get(order[i]));
        }
    }

    @Test
    void differenceIsAfterMinusBeforeOnASymmetricScale() {
        SimilaritySnapshot before = new SimilaritySnapshot(0, SNAP.rowLabels(), SNAP.colLabels(),
                new float[][] {{0.5f, 0.1f, 0.5f}, {0.7f, 0.4f, 0.3f}, {0.85f, 0.15f, 0.45f}}, null);
        SimilaritySnapshot d = DifferenceColors.difference(SNAP, before);
        assertThat(d.matrix()[0][0]).isCloseTo(0.4f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(d.matrix()[1][1]).isCloseTo(-0.2f, org.assertj.core.data.Offset.offset(1e-6f));
        DifferenceColors colors = new DifferenceColors(d);
        assertThat(colors.min()).isCloseTo(-0.4, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(colors.max()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(colors.color(0)).isEqualTo(0xFFF7F7F7);
        assertThat(colors.color(0.4) & 0xFF0000).isGreaterThan(colors.color(0.4) & 0xFF);
        SimilaritySnapshot other = new SimilaritySnapshot(0, List.of("a", "b", "c"), SNAP.colLabels(), before.matrix(), null);
        assertThat(DifferenceColors.difference(SNAP, other)).isNull();
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
