package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.Formats;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import dev.diagonal.project.SummaryEvent;
import dev.diagonal.project.WarningEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFollowerTest {

    @TempDir
    Path tmp;

    @Test
    void eachPollReturnsWhatTheRunWroteSinceTheLastOneAndTheEndOnce() {
        try (FakeRun writer = new FakeRun(tmp.resolve("runs"), "cli-run")) {
            RunFollower follower = new RunFollower(RunFolder.open(tmp.resolve("runs/cli-run")));

            TrainingFeed.Update first = follower.poll();
            assertThat(first.steps()).isEmpty();
            assertThat(first.endStatus()).isNull();
            assertThat(follower.status()).isEqualTo(RunStatus.RUNNING);

            writer.step(1, 2.5);
            writer.step(2, 2.0);
            writer.snapshot(0, 0.2f);
            TrainingFeed.Update second = follower.poll();
            assertThat(second.steps()).extracting(StepEvent::step).containsExactly(1L, 2L);
            assertThat(second.steps().get(1).loss()).isEqualTo(2.0);
            assertThat(second.steps().get(1).imagesPerSecond()).isEqualTo(12.5);
            assertThat(second.similarities()).extracting(SimilaritySnapshot::step).containsExactly(0L);

            writer.step(3, 1.5);
            writer.evaluation(3, 0.75);
            writer.warning(3, "loss near chance");
            writer.snapshot(3, 0.6f);
            TrainingFeed.Update third = follower.poll();
            assertThat(third.steps()).extracting(StepEvent::step).containsExactly(3L);
            assertThat(third.evaluations()).singleElement()
                    .satisfies(e -> assertThat(e.metrics()).containsExactly(java.util.Map.entry("zeroshot_top1", 0.75)));
            assertThat(third.warnings()).containsExactly("loss near chance");
            assertThat(third.similarities()).extracting(SimilaritySnapshot::step).containsExactly(3L);
            assertThat(follower.ended()).isFalse();

            writer.step(4, 1.2);
            writer.end(RunStatus.COMPLETED);
            TrainingFeed.Update last = follower.poll();
            assertThat(last.steps()).extracting(StepEvent::step).containsExactly(4L);
            assertThat(last.endStatus()).isEqualTo(RunStatus.COMPLETED);
            assertThat(follower.ended()).isTrue();
        }
    }

    @Test
    void aRunReadFromItsFolderReachesTheScreenAsTheSameEventsAsWhenItIsLive() {
        List<RunEvent> events = List.of(new StepEvent(1, 0, 2.5, 1e-5, 100.0, 12.5, Duration.ofSeconds(30)),
                new EvaluationEvent(1, Map.of("zeroshot_top1", 0.5, "epoch", 0.0)), new WarningEvent(1, "loss near chance"),
                new StepEvent(2, 0, 2.0, 1e-5, 100.0, 12.5, null), new SummaryEvent(2, 12.0, 0.3));
        List<TrainingFeed.Update> live = new ArrayList<>();
        TrainingFeed feed = new TrainingFeed(Runnable::run, live::add, () -> false, Duration.ZERO);
        try (FakeRun writer = new FakeRun(tmp.resolve("runs"), "same")) {
            events.forEach(writer::append);
            events.forEach(feed::onEvent);

            TrainingFeed.Update read = new RunFollower(writer.folder).poll();

            assertThat(read.steps()).extracting(StepEvent::step, StepEvent::loss, StepEvent::imagesPerSecond)
                    .isEqualTo(live.stream().flatMap(u -> u.steps().stream())
                            .map(s -> org.assertj.core.groups.Tuple.tuple(s.step(), s.loss(), s.imagesPerSecond())).toList());
            assertThat(read.evaluations()).isEqualTo(live.stream().flatMap(u -> u.evaluations().stream()).toList());
            assertThat(read.evaluations().get(0).metrics()).as("epoch is a counter").containsOnlyKeys("zeroshot_top1");
            assertThat(read.warnings()).isEqualTo(live.stream().flatMap(u -> u.warnings().stream()).toList())
                    .containsExactly("loss near chance");
        }
    }

    @Test
    void theLineShapesOfEarlierVersionsAreFollowed() {
        try (FakeRun writer = new FakeRun(tmp.resolve("runs"), "old")) {
            writer.rawLine("{\"step\":1,\"epoch\":0,\"loss\":2.5,\"lr\":1e-5}");
            writer.rawLine("{\"step\":1,\"probe_c\":0.5,\"probe_val_top1\":0.75}"); // an untyped evaluation
            writer.rawLine("{\"type\":\"resume\",\"step\":1}");
            writer.rawLine("{\"step\":2,\"epoch\":1}"); // nothing but counters
            writer.rawLine("{\"loss\":9.0}"); // no step: no place on the axis
            writer.rawLine("{\"type\":\"warning\",\"step\":2,\"message\":\"careful\"}");

            TrainingFeed.Update update = new RunFollower(writer.folder).poll();

            assertThat(update.steps()).extracting(StepEvent::step).containsExactly(1L);
            assertThat(update.steps().get(0).logitScale()).isNaN();
            assertThat(update.evaluations()).singleElement()
                    .satisfies(e -> assertThat(e.metrics()).containsOnlyKeys("probe_c", "probe_val_top1"));
            assertThat(update.warnings()).containsExactly("careful");
        }
    }

    @Test
    void aRunWhoseProcessDiedEndsAsInterrupted() {
        FakeRun writer = new FakeRun(tmp.resolve("runs"), "dies");
        RunFollower follower = new RunFollower(RunFolder.open(tmp.resolve("runs/dies")));
        writer.step(1, 2.5);
        assertThat(follower.poll().endStatus()).isNull();

        writer.close(); // the lock goes with the process; run.json still says RUNNING

        assertThat(follower.poll().endStatus()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(follower.describe()).startsWith("Run dies: contrastive, started ").contains("lr=1.0E-5", "epochs=2");
    }

    @Test
    void theBestPartSaysTheStepAndWhenItIsTheStartingModel() {
        assertThat(RunFollower.bestPart(null)).isEmpty();
        assertThat(RunFollower.bestPart(new BestMetric("recall_at_1", 0.5, 40L)))
                .isEqualTo("; best recall_at_1 " + Formats.number(0.5) + " at step 40");
        assertThat(RunFollower.bestPart(new BestMetric("zeroshot_top1", 0.0, 0L)))
                .startsWith("; best zeroshot_top1 " + Formats.number(0.0) + " at step 0 (the starting model");
    }
}
