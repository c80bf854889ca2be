package dev.diagonal.demo;

import dev.diagonal.project.CheckpointEvent;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the fine-tuning run's step and evaluation events for the report and passes every event on to another listener. */
final class CurveRecorder implements TrainingListener {

    private final TrainingListener next;
    private final List<StepEvent> steps = new ArrayList<>();
    private final List<EvaluationEvent> evaluations = new ArrayList<>();
    private long started;
    private long ended;

    CurveRecorder(TrainingListener next) {
        this.next = next;
    }

    /** The steps, in order. */
    List<StepEvent> steps() {
        return steps;
    }

    /** (step, loss) points. */
    List<double[]> loss() {
        return steps.stream().map(s -> new double[] {s.step(), s.loss()}).toList();
    }

    /** Evaluation metric name → (step, value) points, counters left out. */
    Map<String, List<double[]>> evaluations() {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (EvaluationEvent evaluation : evaluations) {
            evaluation.metrics().forEach((name, value) -> points.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new double[] {evaluation.step(), value}));
        }
        return points;
    }

    double firstLoss() {
        return steps.isEmpty() ? Double.NaN : steps.get(0).loss();
    }

    double lastLoss() {
        return steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).loss();
    }

    /** Wall-clock seconds from the start to the end of training. */
    double seconds() {
        return (ended - started) / 1e9;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        started = System.nanoTime();
        next.onStart(plan);
    }

    @Override
    public void onStep(StepEvent step) {
        steps.add(step);
        next.onStep(step);
    }

    @Override
    public void onEvaluation(EvaluationEvent evaluation) {
        evaluations.add(evaluation);
        next.onEvaluation(evaluation);
    }

    @Override
    public void onSimilarity(SimilaritySnapshot snapshot) {
        next.onSimilarity(snapshot);
    }

    @Override
    public void onCheckpoint(CheckpointEvent checkpoint) {
        next.onCheckpoint(checkpoint);
    }

    @Override
    public void onWarning(String message) {
        next.onWarning(message);
    }

    @Override
    public void onNote(String message) {
        next.onNote(message);
    }

    @Override
    public void onEnd(RunStatus status, String message) {
        ended = System.nanoTime();
        next.onEnd(status, message);
    }
}
