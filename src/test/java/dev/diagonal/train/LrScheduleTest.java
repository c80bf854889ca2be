package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysAlongACosine() {
        LrSchedule schedule = new LrSchedule(1e-3, 4, 20);
        assertThat(schedule.at(0)).isCloseTo(0.25e-3, within(1e-12));
        assertThat(schedule.at(3)).isCloseTo(1e-3, within(1e-12));
        assertThat(schedule.at(4)).isCloseTo(1e-3, within(1e-12));
        assertThat(schedule.at(12)).isCloseTo(0.5e-3, within(1e-12)); // half way through the decay
        assertThat(schedule.at(19)).isGreaterThan(0).isLessThan(0.02e-3);
        for (long s = 4; s < 19; s++) {
            assertThat(schedule.at(s + 1)).isLessThan(schedule.at(s));
        }
    }

    @Test
    void withoutWarmupStartsAtThePeak() {
        LrSchedule schedule = new LrSchedule(2.0, 0, 10);
        assertThat(schedule.at(0)).isEqualTo(2.0);
        assertThat(schedule.at(5)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void warmupOfTheWholeRunNeverDecays() {
        LrSchedule schedule = new LrSchedule(1.0, 3, 3);
        assertThat(schedule.at(2)).isEqualTo(1.0);
    }
}
