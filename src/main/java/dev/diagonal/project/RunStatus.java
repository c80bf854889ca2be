package dev.diagonal.project;

/** The life of a run, as written in its {@code run.json}. */
public enum RunStatus {
    /** The folder exists; training has not started. */
    CREATED,
    /** Training is going on (or the process died: see {@link #INTERRUPTED}). */
    RUNNING,
    /** Training finished normally. */
    COMPLETED,
    /** Training stopped on an error; the message says which. */
    FAILED,
    /** The user stopped the run. */
    CANCELLED,
    /**
     * The process died while the run was {@link #RUNNING} (crash, kill, power cut). {@link RunStore}
     * reports this for a RUNNING run whose lock nobody holds; a run can be resumed from its checkpoints.
     */
    INTERRUPTED;

    /** Whether the run has ended one way or another (not CREATED or RUNNING). */
    public boolean isFinal() {
        return this != CREATED && this != RUNNING;
    }
}
