package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feed from the trainer's thread to the UI, without a toolkit (the UI executor is a list of tasks). */
class TrainingFeedTest {

    private final List<Runnable> uiQueue = new ArrayList<>();
    private final List<Long> queuedAt = new ArrayList<>();
    private final List<TrainingFeed.Update> shown = new ArrayList<>();

    private TrainingFeed feed(Duration breath) {
        return new TrainingFeed(task -> {
            uiQueue.add(task);
            queuedAt.add(System.nanoTime());
        }, shown::add, () -> false, breath);
    }

    private static SimilaritySnapshot snapshot(long step) {
        return new SimilaritySnapshot(step, List.of("a", "b"), List.of("a", "b"), new float[][] {{1, 0}, {0, 1}}, null);
    }

    @Test
    void stepsBetweenTwoUiTurnsArriveAsOneUpdate() {
        TrainingFeed feed = feed(Duration.ZERO);
        feed.onStep(new StepEvent(1, 0, 2.0, 1e-4, 10, 50, Duration.ZERO));
        feed.onStep(new StepEvent(2, 0, 1.5, 1e-4, 10, 50, Duration.ZERO));
        feed.onEvaluation(new EvaluationEvent(2, java.util.Map.of("top1", 0.5)));

        assertThat(uiQueue).hasSize(1);
        uiQueue.get(0).run();
        assertThat(shown).singleElement().satisfies(update -> {
            assertThat(update.steps()).extracting(StepEvent::step).containsExactly(1L, 2L);
            assertThat(update.evaluations()).hasSize(1);
        });
    }

    @Test
    void aSimilaritySnapshotIsHandedToTheUiBeforeTheTrainerPausesForItsBreath() {
        TrainingFeed feed = feed(Duration.ofMillis(200));

        feed.onSimilarity(snapshot(3));
        long returned = System.nanoTime();

        assertThat(uiQueue).hasSize(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(returned - queuedAt.get(0))).isGreaterThanOrEqualTo(200);
        uiQueue.get(0).run();
        assertThat(shown.get(0).similarities()).extracting(SimilaritySnapshot::step).containsExactly(3L);
    }
}
