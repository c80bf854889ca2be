package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeRankingTest {

    private static final SimilaritySnapshot SNAP = new SimilaritySnapshot(5, List.of("cat", "dog", "owl"),
            List.of("c0", "c1", "c2"), new float[][] {{0.9f, 0.1f, 0.5f}, {0.7f, 0.2f, 0.3f}, {0.1f, 0.6f, 0.4f}},
            List.of("a.png", "b.png", "c.png"));

    @Test
    void topCaptionsAreBestFirstAndMarkTheTruePartner() {
        List<ProbeRanking.Match> top = ProbeRanking.topCaptions(SNAP, 1, 2);
        assertThat(top).extracting(ProbeRanking.Match::index).containsExactly(0, 2);
        assertThat(top).extracting(ProbeRanking.Match::truePartner).containsExactly(false, false);
        assertThat(ProbeRanking.topCaptions(SNAP, 0, 5)).hasSize(3).first()
                .extracting(ProbeRanking.Match::truePartner).isEqualTo(true);
    }

    @Test
    void topImagesCarryPathsAndClasses() {
        List<ProbeRanking.Match> top = ProbeRanking.topImages(SNAP, 0, 2);
        assertThat(top).extracting(ProbeRanking.Match::label).containsExactly("cat", "dog");
        assertThat(top).extracting(ProbeRanking.Match::imagePath).containsExactly("a.png", "b.png");
    }

    @Test
    void ranksOfTheTruePartner() {
        assertThat(ProbeRanking.captionRank(SNAP, 0)).isEqualTo(1);
        assertThat(ProbeRanking.captionRank(SNAP, 1)).isEqualTo(3);
        assertThat(ProbeRanking.imageRank(SNAP, 1)).isEqualTo(2);
    }

    @Test
    void hardNegativesSkipTheDiagonalAndAreBestFirst() {
        List<HardNegatives.Negative> top = HardNegatives.top(SNAP, 2);
        assertThat(top).extracting(HardNegatives.Negative::row, HardNegatives.Negative::col)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(2, 1));
        assertThat(top.get(0).score()).isEqualTo(0.7f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(HardNegatives.top(SNAP, 8)).hasSize(6);
    }
}
