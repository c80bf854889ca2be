package dev.diagonal.app.common;

/**
 * Work that runs off the UI thread.
 *
 * @param <T> what it produces
 */
@FunctionalInterface
public interface BackgroundWork<T> {

    /** Does the work, reporting through {@code context}; throwing fails the task. */
    T call(TaskContext context) throws Exception;
}
