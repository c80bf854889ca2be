package dev.diagonal.demo;

import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the fine-tuning curves for the report and passes every event on to another listener. */
final class CurveRecorder implements TrainingListener {

    private final TrainingListener next;
    private final List<double[]> steps = new ArrayList<>();
    private final Map<String, List<double[]>> evaluations = new LinkedHashMap<>();
    private long started;
    private long ended;

    CurveRecorder(TrainingListener next) {
        this.next = next;
    }

    /** (step, loss, lr, logit scale) rows. */
    List<double[]> steps() {
        return steps;
    }

    /** (step, loss) points. */
    List<double[]> loss() {
        return steps.stream().map(s -> new double[] {s[0], s[1]}).toList();
    }

    /** Evaluation metric name → (step, value) points. */
    Map<String, List<double[]>> evaluations() {
        return evaluations;
    }

    double firstLoss() {
        return steps.isEmpty() ? Double.NaN : steps.get(0)[1];
    }

    double lastLoss() {
        return steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1)[1];
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
    public void onStep(long step, double loss, double lr, double logitScale, double imagesPerSecond, Duration eta) {
        steps.add(new double[] {step, loss, lr, logitScale});
        next.onStep(step, loss, lr, logitScale, imagesPerSecond, eta);
    }

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> evaluations.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {step, value}));
        next.onEvaluation(step, metrics);
    }

    @Override
    public void onSimilarity(SimilaritySnapshot snapshot) {
        next.onSimilarity(snapshot);
    }

    @Override
    public void onCheckpoint(long step, Path path) {
        next.onCheckpoint(step, path);
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
