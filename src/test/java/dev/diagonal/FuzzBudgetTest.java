package dev.diagonal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FuzzBudgetTest {

    /** Spins until this thread has used {@code nanos} more CPU time (CPU time, so a busy host does not matter). */
    private static void burn(long nanos) {
        long end = FuzzBudget.cpuNanos() + nanos;
        long sink = 0;
        while (FuzzBudget.cpuNanos() < end) {
            sink += System.nanoTime() % 7;
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    @Test
    void anInputOverTheBudgetFailsOnceWarmedUp() throws Exception {
        FuzzBudget budget = new FuzzBudget(true);
        for (int i = 0; i < FuzzBudget.WARM_UP_INPUTS; i++) {
            budget.run(() -> {});
        }
        assertThatThrownBy(() -> budget.run(() -> burn(FuzzBudget.LIMIT_NANOS + 200_000_000L)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("of CPU time, over the budget of 1 s");
    }

    @Test
    void warmUpInputsAndRegressionModeAreNotTimed() {
        assertThatCode(() -> new FuzzBudget(true).run(() -> burn(FuzzBudget.LIMIT_NANOS + 200_000_000L)))
                .doesNotThrowAnyException();
        FuzzBudget regression = new FuzzBudget(false);
        assertThatThrownBy(() -> regression.run(() -> {
            throw new IOException("the target's own failure");
        })).isInstanceOf(IOException.class).hasMessage("the target's own failure");
    }
}
