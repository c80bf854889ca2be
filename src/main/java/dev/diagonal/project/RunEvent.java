package dev.diagonal.project;

import java.util.Map;

/**
 * One thing a run reports, in the one vocabulary the trainer, {@code metrics.jsonl}, the workbench and the demo share:
 * an optimizer {@link StepEvent step}, an {@link EvaluationEvent evaluation}, a {@link SimilaritySnapshot similarity
 * snapshot}, a {@link CheckpointEvent checkpoint}, a {@link WarningEvent warning}, the session's {@link SummaryEvent
 * summary}, a {@link ResumeEvent resume} mark, or a line of a kind this version does not know ({@link OtherEvent}).
 * {@link MetricsLog} writes them and {@link MetricsReader} reads them back; {@link RunEvents} is the one mapping
 * between these records and the lines of the file.
 */
public sealed interface RunEvent permits StepEvent, EvaluationEvent, SimilaritySnapshot, CheckpointEvent, WarningEvent,
        SummaryEvent, ResumeEvent, OtherEvent {

    /** The step of a line that names none (older or hand-written files). */
    long NO_STEP = Long.MIN_VALUE;

    /** Optimizer steps done when the event happened; {@link #NO_STEP} when the line named none. */
    long step();

    /** Whether the event names its step. */
    default boolean hasStep() {
        return step() != NO_STEP;
    }

    /** The numbers a curve can be drawn of (counters such as {@code epoch} left out); empty for most kinds. */
    default Map<String, Double> metrics() {
        return Map.of();
    }
}
