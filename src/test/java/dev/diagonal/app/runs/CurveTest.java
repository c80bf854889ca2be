package dev.diagonal.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.OtherEvent;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.StepEvent;
import dev.diagonal.project.SummaryEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs' curves come from the run's events: steps and evaluations, never counters or the session summary. */
class CurveTest {

    private final List<RunEvent> events = List.of(
            new StepEvent(10, 0, 2.0, 1e-5, Double.NaN, 40.0, null),
            new EvaluationEvent(10, Map.of("zeroshot_top1", 0.25, "epoch", 0.0, "wall", 3.0)),
            new StepEvent(RunEvent.NO_STEP, Double.NaN, 1.5, Double.NaN, Double.NaN, Double.NaN, null),
            new StepEvent(20, 1, Double.NaN, 1e-5, Double.NaN, 45.0, null),
            new SummaryEvent(20, 60.0, 2.0),
            new OtherEvent("trainer_log", 20));

    @Test
    void theMetricNamesAreTheStepsAndEvaluationsMeasurements() {
        assertThat(Curve.metricNames(events)).containsExactly("loss", "lr", "images_per_second", "zeroshot_top1");
    }

    @Test
    void aCurveSkipsNonFiniteValuesAndPlacesALineWithoutAStepByItsPosition() {
        Curve loss = Curve.of("r", "loss", events);
        assertThat(loss.steps()).containsExactly(10, 2);
        assertThat(loss.values()).containsExactly(2.0, 1.5);
        assertThat(Curve.of("r", "images_per_second", events).values()).as("the summary's rate is no point")
                .containsExactly(40.0, 45.0);
    }
}
