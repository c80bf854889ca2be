package dev.diagonal.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StallStatsTest {

    @Test
    void summarisesWithNearestRankPercentiles() {
        StallStats stats = new StallStats();
        for (int i = 1; i <= 1000; i++) {
            stats.add(i / 10.0); // 0.1 … 100.0 ms
        }
        stats.add(250.04);

        assertThat(stats.count()).isEqualTo(1001);
        assertThat(stats.max()).isEqualTo(250.04);
        assertThat(stats.percentile(50)).isEqualTo(50.1);
        assertThat(stats.percentile(99)).isEqualTo(99.1);
        assertThat(stats.summary()).containsEntry("count", 1001).containsEntry("max_ms", 250.0)
                .containsEntry("p99_ms", 99.1).containsEntry("median_ms", 50.1);
    }

    @Test
    void isZeroWithoutValues() {
        StallStats stats = new StallStats();
        assertThat(stats.max()).isZero();
        assertThat(stats.percentile(99)).isZero();
        assertThat(stats.summary()).containsEntry("count", 0);
    }
}
