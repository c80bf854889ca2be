package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-event vocabulary: what each kind looks like in {@code metrics.jsonl}, and every older line shape read back. */
class RunEventsTest {

    @TempDir
    Path tmp;

    @Test
    void everyKindThatGoesToTheFileReadsBackAsItWasWritten() {
        Path file = tmp.resolve("metrics.jsonl");
        List<RunEvent> written = List.of(
                new StepEvent(1, 0, 2.5, 1e-5, 100.0, 12.5, null),
                new StepEvent(2, 0.5, Double.NaN, 2e-5, Double.NaN, Double.NaN, null, Map.of("grad_norm", 3.0)),
                new EvaluationEvent(2, Map.of("zeroshot_top1", 0.25)),
                new EvaluationEvent(3, Map.of("tip_train_loss", 0.5, "epoch", 1.0)),
                new WarningEvent(3, "loss near chance"),
                new CheckpointEvent(3, tmp.resolve("checkpoints/step-3")),
                new ResumeEvent(3),
                new SummaryEvent(4, 60.0, 2.0),
                new OtherEvent("trainer_log", 4));
        try (MetricsLog log = MetricsLog.open(file)) {
            written.forEach(log::append);
        }

        List<RunEvent> read = MetricsReader.readEvents(file);

        assertThat(read).containsExactlyElementsOf(written); // record equality: NaN equals NaN
        assertThat(((EvaluationEvent) read.get(3)).counters()).containsExactly(Map.entry("epoch", 1.0));
        assertThat(read.get(3).metrics()).containsOnlyKeys("tip_train_loss");
    }

    @Test
    void aStepAndAnEvaluationAreWrittenInTheLineShapesOfEarlierVersions() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(new StepEvent(1, 0, 2.5, 1e-5, 100.0, 12.5, Duration.ofSeconds(9)));
            log.append(new EvaluationEvent(1, Map.of("zeroshot_top1", 0.25)));
            log.append(new WarningEvent(1, "careful"));
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"step\":1,\"epoch\":0,\"loss\":2.5,\"lr\":1.0E-5,\"logit_scale\":100.0,\"images_per_second\":12.5}",
                "{\"type\":\"eval\",\"step\":1,\"zeroshot_top1\":0.25}",
                "{\"type\":\"warning\",\"step\":1,\"message\":\"careful\"}");
    }

    @Test
    void everyOlderLineShapeReadsAsItsKind() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"step\":1,\"epoch\":0,\"loss\":1.9,\"lr\":5.0E-4,\"logit_scale\":15.9,\"images_per_second\":48.6}",
                "{\"step\":1,\"probe_c\":0.1,\"probe_val_top1\":0.5}", // linear probe / Tip-Adapter: no type
                "{\"type\":\"eval\",\"step\":2,\"zeroshot_top1\":0.0,\"wall\":12.0}",
                "{\"type\":\"summary\",\"step\":4,\"images_per_second\":65.4,\"train_seconds\":2.04}",
                "{\"type\":\"resume\",\"step\":2}",
                "{\"type\":\"trainer_log\",\"step\":4}",
                "{\"type\":\"note\"}",
                "{\"loss\":0.5}", "") );

        List<RunEvent> events = MetricsReader.readEvents(file);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("StepEvent", "EvaluationEvent",
                "EvaluationEvent", "SummaryEvent", "ResumeEvent", "OtherEvent", "OtherEvent", "StepEvent");
        StepEvent step = (StepEvent) events.get(0);
        assertThat(step.epoch()).isZero();
        assertThat(step.metrics()).containsOnlyKeys("loss", "lr", "logit_scale", "images_per_second");
        assertThat(events.get(1).metrics()).containsOnlyKeys("probe_c", "probe_val_top1");
        assertThat(events.get(2).metrics()).as("wall is a counter").containsOnlyKeys("zeroshot_top1");
        assertThat(events.get(3).metrics()).as("a summary is not a curve point").isEmpty();
        assertThat(((OtherEvent) events.get(6)).type()).isEqualTo("note");
        assertThat(events.get(6).hasStep()).isFalse();
        assertThat(events.get(7).hasStep()).isFalse();
    }

    @Test
    void theRunOfAnEarlierVersionReadsAsEvents() {
        List<RunEvent> events = RunFolder.open(Fixtures.path("run-metrics-v1/wise-timing-run")).readEvents();
        assertThat(events).filteredOn(StepEvent.class::isInstance).hasSize(4);
        assertThat(events).filteredOn(EvaluationEvent.class::isInstance).hasSize(3)
                .allSatisfy(e -> assertThat(e.metrics()).containsKey("zeroshot_top1"));
        assertThat(events.get(events.size() - 1)).isInstanceOf(SummaryEvent.class);
    }

    @Test
    void countersAreOneListAndSimilaritySnapshotsKeepTheirOwnFiles() {
        assertThat(RunEvents.COUNTERS).contains("step", "epoch", "time", "timestamp", "wall", "elapsed");
        assertThat(new EvaluationEvent(1, Map.of("epoch", 2.0, "timestamp", 5.0, "x", 1.0)).metrics()).containsOnlyKeys("x");
        SimilaritySnapshot snapshot = new SimilaritySnapshot(1, List.of("a"), List.of("b"), new float[][] {{1}}, null);
        try (MetricsLog log = MetricsLog.open(tmp.resolve("metrics.jsonl"))) {
            assertThatThrownBy(() -> log.append(snapshot)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
