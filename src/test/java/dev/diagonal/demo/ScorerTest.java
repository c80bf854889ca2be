package dev.diagonal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScorerTest {

    @Test
    void countsTheRowsWhoseBestClassIsMarked() {
        float[][] cosine = {
            {0.1f, 0.9f, 0.2f},   // best: 1 (marked)
            {0.8f, 0.1f, 0.3f},   // best: 0
            {0.2f, 0.3f, 0.7f},   // best: 2 (marked)
            {0.5f, 0.5f, 0.1f}};  // tie between 0 and 1: the first, 0
        boolean[] marked = {false, true, true};
        assertThat(Scorer.shareGuessedAmong(cosine, marked)).isEqualTo(0.5);
        assertThat(Scorer.shareGuessedAmong(cosine, new boolean[3])).isZero();
        assertThat(Scorer.shareGuessedAmong(new float[0][], marked)).isZero();
    }

    @Test
    void ranksCountTheClassesScoringStrictlyHigher() {
        float[][] cosine = {{0.1f, 0.9f, 0.2f}, {0.5f, 0.5f, 0.1f}};
        assertThat(Scorer.ranks(cosine, new int[] {1, 0})).containsExactly(0, 0);
        assertThat(Scorer.ranks(cosine, new int[] {0, 2})).containsExactly(2, 2);
    }
}
