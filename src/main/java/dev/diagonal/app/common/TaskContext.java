package dev.diagonal.app.common;

import java.util.concurrent.CancellationException;

/** What a piece of background work sees of its task: progress, a status message, and cancellation. */
public interface TaskContext {

    /** Reports {@code done} of {@code total}; a negative total means "no idea how long" (indeterminate). */
    void progress(double done, double total);

    /** A short status line shown under the task's title. */
    void message(String message);

    /** Whether the user asked to stop; long work checks this between steps. */
    boolean isCancelled();

    /** Throws {@link CancellationException} if the user asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
