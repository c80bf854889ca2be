package dev.diagonal.train;

import dev.diagonal.project.BestMetric;
import dev.diagonal.project.CheckpointEvent;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.ResumeEvent;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import dev.diagonal.project.SummaryEvent;
import dev.diagonal.project.WarningEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Writes what a run reports into its folder ({@code metrics.jsonl} through {@link MetricsLog}, {@code similarity/},
 * {@code run.json}) as {@link dev.diagonal.project.RunEvent}s and passes the same events on to the caller's listener.
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
        StepEvent event = new StepEvent(step, epoch, loss, lr, logitScale, imagesPerSecond, eta);
        metrics.append(event);
        listener.onStep(event);
    }

    void evaluation(long step, Map<String, Double> values) {
        EvaluationEvent event = new EvaluationEvent(step, values);
        metrics.append(event);
        listener.onEvaluation(event);
    }

    void similarity(SimilaritySnapshot snapshot) {
        run.writeSimilarity(snapshot);
        listener.onSimilarity(snapshot);
    }

    /** Passed on only: the {@code checkpoints/} folder is the record of checkpoints. */
    void checkpoint(long step, Path path) {
        listener.onCheckpoint(new CheckpointEvent(step, path));
    }

    void warning(String message) {
        metrics.append(new WarningEvent(lastStep, message));
        listener.onWarning(message);
    }

    /** Notes in the log that training continues from a checkpoint at {@code step}. */
    void resumed(long step) {
        metrics.append(new ResumeEvent(step));
    }

    /** Logs the session's steady-state throughput and training time when it ends. */
    void summary(long step, double imagesPerSecond, double trainSeconds) {
        metrics.append(new SummaryEvent(step, imagesPerSecond, trainSeconds));
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
