package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of a run's {@code run.json}: what was run, with which settings, from what, and how it
 * ended. Written atomically by {@link RunFolder#writeRunJson} whenever it changes.
 *
 * @param id              the run folder's name
 * @param method          training or evaluation method (e.g. {@code lora}, {@code linear-probe})
 * @param status          life-cycle state as last written
 * @param hyperparameters every setting of the method, in a stable order
 * @param provenance      versions, fingerprints, seed; may be null for a run created by hand
 * @param startedAt       when the run started
 * @param endedAt         when it ended; null while running or after a crash
 * @param bestMetric      best value of the selection metric so far; null before the first evaluation
 * @param message         short note for the history table (error message, cancel reason); may be null
 * @param pid             id of the process that owns the run; together with {@code run.lock} it tells a
 *                        live run from an interrupted one
 */
@JsonPropertyOrder({"id", "method", "status", "hyperparameters", "provenance", "startedAt", "endedAt",
        "bestMetric", "message", "pid"})
public record RunInfo(String id, String method, RunStatus status, Map<String, Object> hyperparameters,
        Provenance provenance, Instant startedAt, Instant endedAt, BestMetric bestMetric, String message,
        Long pid) {

    /** Keeps the hyperparameters in their given order, unmodifiable and never null. */
    public RunInfo {
        hyperparameters = Collections.unmodifiableMap(
                hyperparameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(hyperparameters));
    }

    /** A new run of this process, {@link RunStatus#CREATED}, started now. */
    public static RunInfo create(String id, String method, Map<String, Object> hyperparameters,
            Provenance provenance) {
        return new RunInfo(id, method, RunStatus.CREATED, hyperparameters, provenance,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null, null, ProcessHandle.current().pid());
    }

    /** A copy with another status. */
    public RunInfo withStatus(RunStatus newStatus) {
        return new RunInfo(id, method, newStatus, hyperparameters, provenance, startedAt, endedAt, bestMetric,
                message, pid);
    }

    /** A copy owned by this process and {@link RunStatus#RUNNING} (also when resuming). */
    public RunInfo running() {
        return new RunInfo(id, method, RunStatus.RUNNING, hyperparameters, provenance, startedAt, null,
                bestMetric, null, ProcessHandle.current().pid());
    }

    /** A copy that ended now with {@code finalStatus} and an optional message. */
    public RunInfo ended(RunStatus finalStatus, String endMessage) {
        return new RunInfo(id, method, finalStatus, hyperparameters, provenance, startedAt,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), bestMetric, endMessage, pid);
    }

    /** A copy with a new best metric. */
    public RunInfo withBestMetric(BestMetric best) {
        return new RunInfo(id, method, status, hyperparameters, provenance, startedAt, endedAt, best, message,
                pid);
    }

    /** A copy with another message. */
    public RunInfo withMessage(String newMessage) {
        return new RunInfo(id, method, status, hyperparameters, provenance, startedAt, endedAt, bestMetric,
                newMessage, pid);
    }
}
