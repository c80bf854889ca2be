package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --lr auto}: the LR range test's pick rule, and a run that uses it. */
class LrAutoTest {

    @Test
    void picksTheSteepestDescentWhenTheMinimumSitsHighInTheSweep() {
        List<LrRangeTest.Point> points = new ArrayList<>();
        double[] losses = {2.0, 1.99, 1.97, 1.9, 1.6, 1.2, 1.0, 0.95, 1.3, 3.0};
        for (int i = 0; i < losses.length; i++) {
            points.add(new LrRangeTest.Point(Math.pow(10, -7 + i), losses[i] + 0.1, losses[i]));
        }

        LrRangeTest.Result result = LrRangeTest.pick(points);

        assertThat(result.minimumLr()).isCloseTo(1e0, within(1e-12)); // index 7: 0.95
        assertThat(result.steepestLr()).isCloseTo(1e-2, within(1e-12)); // 1.6 -> 1.2 is the largest drop
        assertThat(result.lr()).isCloseTo(1e-2, within(1e-12)); // below the minimum's 0.1
        assertThat(result.reason()).contains("steepest descent = 0.01");
        assertThat(result.toJson()).containsEntry("picked_lr", 0.01).containsKeys("lr", "loss", "smoothed_loss", "rule");
    }

    @Test
    void skipsAFallThatTheNextStepsUndo() {
        // the smoothed loss of a real sweep (compare, 4 shots, seed 2): one easy batch at step 9 made the steepest
        // descent 4.1e-6, where the run learned nothing; the fall that lasts starts at step 20
        double[] smoothed = {10.82, 10.32, 10.69, 10.57, 10.54, 10.63, 10.42, 10.37, 10.47, 10.09, 10.22, 10.23,
            10.24, 10.25, 10.30, 10.40, 10.26, 10.12, 10.02, 10.01, 9.81, 9.69, 9.50, 9.29, 9.06, 8.84, 8.62, 8.44,
            8.26, 8.10, 7.95, 7.80, 7.67, 7.55, 7.43, 7.32, 7.22, 7.12, 7.02, 6.94};
        List<LrRangeTest.Point> points = new ArrayList<>();
        for (int i = 0; i < smoothed.length; i++) {
            double lr = LrRangeTest.MIN_LR * Math.pow(LrRangeTest.MAX_LR / LrRangeTest.MIN_LR, i / 39.0);
            points.add(new LrRangeTest.Point(lr, smoothed[i], smoothed[i]));
        }

        LrRangeTest.Result result = LrRangeTest.pick(points);

        assertThat(result.steepestLr()).isCloseTo(points.get(24).lr(), within(1e-12)); // 9.29 -> 9.06
        assertThat(result.lr()).isBetween(1e-3, 3e-3);
    }

    @Test
    void picksTheSmallerOfTheTwoSuggestions() {
        List<LrRangeTest.Point> points = new ArrayList<>();
        double[] losses = {2.0, 1.9, 1.5, 1.0, 0.9, 0.85, 0.8, 1.5, 3.0};
        for (int i = 0; i < losses.length; i++) {
            points.add(new LrRangeTest.Point(Math.pow(10, -7 + i), losses[i], losses[i]));
        }

        LrRangeTest.Result result = LrRangeTest.pick(points);

        assertThat(result.minimumLr()).isCloseTo(1e-1, within(1e-12)); // index 6: 0.8
        assertThat(result.steepestLr()).isCloseTo(1e-4, within(1e-12)); // 1.5 -> 1.0
        assertThat(result.lr()).isCloseTo(1e-4, within(1e-12));

        losses = new double[] {2.0, 1.99, 1.98, 1.97, 1.0, 3.0}; // the fall ends at the minimum
        points.clear();
        for (int i = 0; i < losses.length; i++) {
            points.add(new LrRangeTest.Point(Math.pow(10, -7 + i), losses[i], losses[i]));
        }
        result = LrRangeTest.pick(points);
        assertThat(result.minimumLr()).isCloseTo(1e-3, within(1e-12));
        assertThat(result.steepestLr()).isCloseTo(1e-3, within(1e-12));
        assertThat(result.lr()).isCloseTo(1e-4, within(1e-12));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAutoRunRecordsThePickAndTrainsExactlyAsARunGivenThatRate(@TempDir Path tmp) {
        TestEngine.oneThread();
        Path model = TrainFixtures.tinyModel(tmp.resolve("model"));
        Path data = TrainFixtures.shapes(tmp.resolve("shapes"), 4, 2);
        TrainingConfig.Builder base = TrainingConfig.builder().epochs(2).batchSize(8).device("cpu").valFraction(0.25);
        RecordingListener listener = new RecordingListener();
        List<String> notes = new ArrayList<>();
        TrainingListener both = new TrainingListener() {
            @Override
            public void onNote(String message) {
                notes.add(message);
            }
        };

        TrainingResult auto = FineTuning.start(RunDestination.at(tmp.resolve("auto")),
                new TrainingRequest(model, data, null, base.lr("auto").build()), both, () -> false);

        assertThat(auto.status()).isEqualTo(RunStatus.COMPLETED);
        Map<String, Object> hyper = RunFolder.open(tmp.resolve("auto")).readRunJson().hyperparameters();
        Map<String, Object> test = (Map<String, Object>) hyper.get("lr_range_test");
        double picked = ((Number) test.get("picked_lr")).doubleValue();
        assertThat(hyper).containsEntry("lr_auto", true).containsEntry("lr", picked);
        assertThat((List<Object>) test.get("lr")).hasSizeBetween(2, LrRangeTest.STEPS);
        assertThat(picked).isBetween(LrRangeTest.MIN_LR / 10, LrRangeTest.MAX_LR / 10);
        assertThat(notes).singleElement().asString().startsWith("LR range test (").contains("picked");

        TrainingResult given = FineTuning.start(RunDestination.at(tmp.resolve("given")),
                new TrainingRequest(model, data, null, base.lr(Double.toString(picked)).build()), listener, () -> false);
        double diff = TrainerResumeTest.maxDiff(TrainerResumeTest.finalWeights(tmp.resolve("auto"), auto.step()),
                TrainerResumeTest.finalWeights(tmp.resolve("given"), given.step()));
        assertThat(diff).as("the range test leaves no trace in the run").isZero();
    }
}
