package dev.diagonal.app.common;

/** A started task, as its starter sees it. */
public interface TaskHandle {

    /**
     * Asks the work to stop at its next check; its cancel callback runs once it has stopped.
     *
     * @return false if the task had already ended
     */
    boolean cancel();

    /** Whether the work has ended (success, failure or cancellation) and its callbacks have run. */
    boolean isFinished();
}
