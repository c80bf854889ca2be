package dev.diagonal.project;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the run history.
 *
 * @param id              run id (folder name)
 * @param path            run folder
 * @param method          training or evaluation method; null if {@code run.json} is unreadable
 * @param status          effective status: {@link RunStatus#INTERRUPTED} for a RUNNING run nobody owns
 * @param hyperparameters all hyperparameters (see {@link #keyHyperparameters()})
 * @param bestMetric      best metric, null if none yet
 * @param startedAt       start time, null if unknown
 * @param duration        run time: start to end; to now for a live run; to the last write for an
 *                        interrupted one; null if unknown
 * @param message         the run's message, or what is wrong with an unreadable {@code run.json}
 * @param readable        false when {@code run.json} could not be read (status is then FAILED)
 */
public record RunSummary(String id, Path path, String method, RunStatus status, Map<String, Object> hyperparameters,
        BestMetric bestMetric, Instant startedAt, Duration duration, String message, boolean readable) {

    /** Names shown first in the history table when a run has them, in this order. */
    public static final List<String> KEY_HYPERPARAMETERS = List.of("lr", "learningRate", "batchSize", "epochs",
            "steps", "maxSteps", "rank", "loraRank", "alpha", "weightDecay", "warmupSteps", "temperature",
            "freeze", "seed");

    private static final int FALLBACK_COUNT = 4;

    /** The hyperparameters worth a column: those named in {@link #KEY_HYPERPARAMETERS}, else the first four. */
    public Map<String, Object> keyHyperparameters() {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String name : KEY_HYPERPARAMETERS) {
            if (hyperparameters.containsKey(name)) {
                key.put(name, hyperparameters.get(name));
            }
        }
        if (key.isEmpty()) {
            hyperparameters.entrySet().stream().limit(FALLBACK_COUNT).forEach(e -> key.put(e.getKey(), e.getValue()));
        }
        return key;
    }

    /** Whether the run is going on now, in this or another process. */
    public boolean isLive() {
        return status == RunStatus.RUNNING;
    }
}
