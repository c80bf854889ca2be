package dev.diagonal.train;

import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param status COMPLETED, CANCELLED (resumable) or FAILED
 * @param step optimizer steps done
 * @param totalSteps the run's planned steps
 * @param message why it stopped, for CANCELLED and FAILED; null otherwise
 * @param best the best validation metric reached, or null
 * @param runDir the run folder
 * @param imagesPerSecond training throughput over the steps of this session after the first two (0 if too few)
 */
public record TrainingResult(RunStatus status, long step, long totalSteps, String message, BestMetric best,
        Path runDir, double imagesPerSecond) {}
