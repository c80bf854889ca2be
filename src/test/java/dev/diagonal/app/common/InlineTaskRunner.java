package dev.diagonal.app.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs tasks at once on the calling thread, callbacks included, and keeps what happened for assertions.
 * {@link #cancelRunning()} makes the running task's next check see a cancel request.
 */
public final class InlineTaskRunner implements TaskRunner {

    /** The titles of tasks that ended each way. */
    public final List<String> succeeded = new ArrayList<>();
    public final List<String> cancelled = new ArrayList<>();
    public final List<Throwable> failures = new ArrayList<>();
    private final List<Flag> running = new ArrayList<>();

    private static final class Flag {
        volatile boolean cancelled;
        boolean finished;
    }

    @Override
    public <T> TaskHandle start(TaskSpec<T> spec) {
        Flag flag = new Flag();
        running.add(flag);
        TaskContext context = new TaskContext() {
            @Override
            public void progress(double done, double total) {
                spec.progressed(total < 0 ? -1 : done / total);
            }

            @Override
            public void message(String message) {
                spec.messaged(message);
            }

            @Override
            public boolean isCancelled() {
                return flag.cancelled;
            }
        };
        try {
            T value = spec.work().call(context);
            end(flag);
            if (flag.cancelled) {
                cancelled.add(spec.title());
                spec.cancelled();
            } else {
                succeeded.add(spec.title());
                spec.succeeded(value);
            }
        } catch (CancellationException e) {
            end(flag);
            cancelled.add(spec.title());
            spec.cancelled();
        } catch (Exception e) {
            end(flag);
            failures.add(e);
            spec.failed(e);
        }
        return new TaskHandle() {
            @Override
            public boolean cancel() {
                return false;
            }

            @Override
            public boolean isFinished() {
                return flag.finished;
            }
        };
    }

    private void end(Flag flag) {
        flag.finished = true;
        running.remove(flag);
    }

    /** Asks every running task to stop. */
    public void cancelRunning() {
        running.forEach(flag -> flag.cancelled = true);
    }
}
