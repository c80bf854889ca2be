package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChanceGuardTest {

    @Test
    void warnsOnceWhenTheLossSitsAtLnBatchAfterTheWarmUp() {
        ChanceGuard guard = new ChanceGuard(32, 30, 10, false);
        double chance = Math.log(32);
        for (long step = 1; step < 30; step++) {
            assertThat(guard.observe(step, chance)).isEmpty(); // still warming up
        }
        assertThat(guard.observe(30, chance * 1.02)).hasValueSatisfying(m -> assertThat(m).contains("chance", "3.466"));
        assertThat(guard.observe(31, chance)).isEmpty(); // once
        assertThat(guard.warned()).isTrue();
    }

    @Test
    void staysQuietWhenTheLossMoves() {
        ChanceGuard guard = new ChanceGuard(8, 0, 5, false);
        for (long step = 1; step < 50; step++) {
            assertThat(guard.observe(step, Math.log(8) * 0.8)).isEmpty();
        }
        assertThat(new ChanceGuard(8, 0, 1, true).observe(5, Math.log(8))).isEmpty();
    }
}
