package dev.diagonal.app.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The workbench's task runner: work runs on a small pool of daemon threads as JavaFX {@link Task}s (so
 * the task panel can list them and cancel them), callbacks run on the JavaFX thread once the work has
 * really stopped. Cancelling never interrupts the thread (that would close open files); the work stops
 * at its next {@link TaskContext#checkCancelled()}.
 */
public final class FxTaskRunner implements TaskRunner {

    private final ExecutorService pool;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final TaskEvents events;

    /** A runner with {@code threads} workers reporting endings to {@code events}. */
    public FxTaskRunner(int threads, TaskEvents events) {
        this.events = events;
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "diagonal-task-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The tasks now running (UI thread). */
    public ObservableList<Task<?>> running() {
        return running;
    }

    /** How many tasks are running (UI thread). */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    @Override
    public <T> TaskHandle start(TaskSpec<T> spec) {
        WorkTask<T> task = new WorkTask<>(spec);
        running.add(task);
        count.set(count.get() + 1);
        pool.execute(task);
        return task;
    }

    /** Stops taking work; running tasks are daemon threads and die with the JVM. */
    public void shutdown() {
        running.forEach(Task::cancel);
        pool.shutdownNow();
    }

    private final class WorkTask<T> extends Task<T> implements TaskHandle, TaskContext {

        private final TaskSpec<T> spec;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile boolean finished;

        WorkTask(TaskSpec<T> spec) {
            this.spec = spec;
            updateTitle(spec.title());
            updateProgress(-1, 1);
            progressProperty().addListener((obs, old, value) -> spec.progressed(value.doubleValue()));
            messageProperty().addListener((obs, old, value) -> spec.messaged(value));
        }

        @Override
        protected T call() throws Exception {
            if (!claimed.compareAndSet(false, true)) {
                return null; // cancelled before it started; cancel() reported it
            }
            try {
                T value = spec.work().call(this);
                Platform.runLater(() -> finish(() -> {
                    if (isCancelled()) {
                        spec.cancelled();
                        events.cancelled(spec.title());
                    } else {
                        spec.succeeded(value);
                        events.succeeded(spec.title(), spec.isQuiet());
                    }
                }));
                return value;
            } catch (Throwable error) {
                boolean cancelled = isCancelled() || error instanceof CancellationException;
                Platform.runLater(() -> finish(() -> {
                    if (cancelled) {
                        spec.cancelled();
                        events.cancelled(spec.title());
                    } else {
                        spec.failed(error);
                        events.failed(spec.title(), error);
                    }
                }));
                throw error instanceof Exception ? (Exception) error : new RuntimeException(error);
            }
        }

        private void finish(Runnable callbacks) {
            running.remove(this);
            count.set(count.get() - 1);
            finished = true;
            callbacks.run();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean result = super.cancel(false);
            if (claimed.compareAndSet(false, true)) {
                Platform.runLater(() -> finish(() -> {
                    spec.cancelled();
                    events.cancelled(spec.title());
                }));
            }
            return result;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public void progress(double work, double total) {
            updateProgress(total < 0 ? -1 : work, total < 0 ? 1 : total);
        }

        @Override
        public void message(String message) {
            updateMessage(message);
        }
    }
}
