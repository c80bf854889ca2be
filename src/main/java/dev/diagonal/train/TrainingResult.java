package dev.diagonal.train;

import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;

/**
 * How a run of any {@link Method} ended.
 *
 * @param method the method's name
 * @param status COMPLETED, CANCELLED or FAILED
 * @param step steps done (optimizer steps; for a linear probe, the values of C tried)
 * @param totalSteps the run's planned steps
 * @param message why it stopped, for CANCELLED and FAILED; null otherwise
 * @param best the best validation metric of weights kept in the run's {@code best/}, or null when the
 *     method keeps no such weights
 * @param runDir the run folder
 * @param imagesPerSecond training throughput over the steps of this session after the first two (0 if too few)
 * @param summary the outcome in one line, worded by the method (e.g. the probe's validation accuracy and
 *     C), or null
 */
public record TrainingResult(String method, RunStatus status, long step, long totalSteps, String message,
        BestMetric best, Path runDir, double imagesPerSecond, String summary) {}
