package dev.diagonal.train;

import dev.diagonal.project.BestMetric;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes what a run reports into its folder ({@code metrics.jsonl}, {@code similarity/},
 * {@code run.json}) and passes every event on to the caller's listener.
 */
final class RunRecorder implements AutoCloseable {

    private final RunFolder run;
    private final TrainingListener listener;
    private final MetricsLog metrics;
    private RunInfo info;
    private long lastStep;

    RunRecorder(RunFolder run, RunInfo info, TrainingListener listener) {
        this.run = run;
        this.info = info;
        this.listener = listener;
        this.metrics = run.openMetrics(Duration.ofSeconds(1));
    }

    RunInfo info() {
        return info;
    }

    void start(TrainingPlan plan) {
        lastStep = plan.startStep();
        listener.onStart(plan);
    }

    void step(long step, int epoch, double loss, double lr, double logitScale, double imagesPerSecond, Duration eta) {
        lastStep = step;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("epoch", epoch);
        record.put(MetricsLog.LOSS, loss);
        record.put("lr", lr);
        record.put("logit_scale", logitScale);
        record.put("images_per_second", imagesPerSecond);
        metrics.append(record);
        listener.onStep(step, loss, lr, logitScale, imagesPerSecond, eta);
    }

    void evaluation(long step, Map<String, Double> values) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "eval");
        record.put("step", step);
        record.putAll(values);
        metrics.append(record);
        listener.onEvaluation(step, values);
    }

    void similarity(SimilaritySnapshot snapshot) {
        run.writeSimilarity(snapshot);
        listener.onSimilarity(snapshot);
    }

    void checkpoint(long step, Path path) {
        listener.onCheckpoint(step, path);
    }

    void warning(String message) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "warning");
        record.put("step", lastStep);
        record.put("message", message);
        metrics.append(record);
        listener.onWarning(message);
    }

    /** Notes in the log that training continues from a checkpoint at {@code step}. */
    void resumed(long step) {
        metrics.append(Map.of("type", "resume", "step", step));
    }

    /** Logs the session's steady-state throughput and training time when it ends. */
    void summary(long step, double imagesPerSecond, double trainSeconds) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "summary");
        record.put("step", step);
        record.put("images_per_second", imagesPerSecond);
        record.put("train_seconds", trainSeconds);
        metrics.append(record);
    }

    Path runPath() {
        return run.path();
    }

    void best(BestMetric best) {
        info = info.withBestMetric(best);
        run.writeRunJson(info);
    }

    void end(RunStatus status, String message) {
        metrics.force();
        info = info.ended(status, message);
        run.writeRunJson(info);
        listener.onEnd(status, message);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
