package dev.diagonal.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class CoalescedRedrawTest {

    private final Queue<Runnable> later = new ArrayDeque<>();
    private int draws;
    private final CoalescedRedraw redraw = new CoalescedRedraw(later::add, () -> draws++);

    private void runLater() {
        while (!later.isEmpty()) {
            later.poll().run();
        }
    }

    @Test
    void manyChangesInOneTurnDrawOnceAfterIt() {
        redraw.request();
        redraw.request();
        redraw.request();
        assertThat(draws).as("nothing drawn during the turn").isZero();
        assertThat(later).hasSize(1);

        runLater();
        assertThat(draws).isEqualTo(1);
        runLater();
        assertThat(draws).as("no change, no redraw").isEqualTo(1);

        redraw.request();
        runLater();
        assertThat(draws).isEqualTo(2);
    }

    @Test
    void changesWhileHiddenAreDrawnOnceWhenItShowsAgain() {
        redraw.setShowing(false);
        redraw.request();
        redraw.request();
        runLater();
        assertThat(draws).isZero();
        assertThat(later).isEmpty();

        redraw.setShowing(true);
        runLater();
        assertThat(draws).isEqualTo(1);

        redraw.setShowing(false);
        redraw.setShowing(true);
        runLater();
        assertThat(draws).as("showing again without changes").isEqualTo(1);
    }

    @Test
    void hiddenBeforeTheScheduledRedrawRunsSkipsItUntilShown() {
        redraw.request();
        redraw.setShowing(false);
        runLater();
        assertThat(draws).isZero();

        redraw.setShowing(true);
        runLater();
        assertThat(draws).isEqualTo(1);
    }
}
