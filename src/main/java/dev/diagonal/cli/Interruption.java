package dev.diagonal.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) or SIGTERM for a training command: a shutdown hook raises the cancel flag and then
 * holds the JVM until the trainer has finished its step, written its checkpoint and marked the run
 * CANCELLED (at most {@link #GRACE_MINUTES} minutes), so the run is left resumable.
 */
final class Interruption implements AutoCloseable {

    static final int GRACE_MINUTES = 10;

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Interruption(PrintWriter err) {
        hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            cancelled.set(true);
            err.println();
            err.println("diagonal: stopping after the current step (checkpoint first; the run can be resumed)...");
            err.flush();
            try {
                finished.await(GRACE_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "diagonal-training-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether the user asked to stop. */
    boolean cancelled() {
        return cancelled.get();
    }

    /** The training is over: lets a pending shutdown go on, and removes the hook otherwise. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it returns now that training is over
        }
    }
}
