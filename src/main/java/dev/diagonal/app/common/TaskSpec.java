package dev.diagonal.app.common;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * A background task being described: title, work and what happens after, each callback on the UI
 * thread. Finish with {@link #start()}.
 *
 * @param <T> what the work produces
 */
public final class TaskSpec<T> {

    private final TaskRunner runner;
    private final String title;
    private final BackgroundWork<T> work;
    private Consumer<? super T> onSuccess = value -> {};
    private Consumer<Throwable> onFailure = error -> {};
    private Runnable onCancelled = () -> {};
    private Runnable onFinally = () -> {};
    private DoubleConsumer onProgress = fraction -> {};
    private Consumer<String> onMessage = text -> {};
    private boolean quiet;

    TaskSpec(TaskRunner runner, String title, BackgroundWork<T> work) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Called with the result. */
    public TaskSpec<T> onSuccess(Consumer<? super T> callback) {
        onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    /** Called with the error (the runner reports it to the user as well). */
    public TaskSpec<T> onFailure(Consumer<Throwable> callback) {
        onFailure = Objects.requireNonNull(callback);
        return this;
    }

    /** Called when the work stopped because it was cancelled. */
    public TaskSpec<T> onCancelled(Runnable callback) {
        onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Called after any of the three outcomes. */
    public TaskSpec<T> onFinally(Runnable callback) {
        onFinally = Objects.requireNonNull(callback);
        return this;
    }

    /** Hears progress as a fraction in [0, 1], or -1 while indeterminate. */
    public TaskSpec<T> onProgress(DoubleConsumer callback) {
        onProgress = Objects.requireNonNull(callback);
        return this;
    }

    /** Hears the work's status messages. */
    public TaskSpec<T> onMessage(Consumer<String> callback) {
        onMessage = Objects.requireNonNull(callback);
        return this;
    }

    /** No "finished" notification on success (for short housekeeping tasks); failures are still reported. */
    public TaskSpec<T> quiet() {
        quiet = true;
        return this;
    }

    /** Starts the task. */
    public TaskHandle start() {
        return runner.start(this);
    }

    public String title() {
        return title;
    }

    public BackgroundWork<T> work() {
        return work;
    }

    public boolean isQuiet() {
        return quiet;
    }

    /** Runs the success callbacks. */
    public void succeeded(T value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinally.run();
        }
    }

    /** Runs the failure callbacks. */
    public void failed(Throwable error) {
        try {
            onFailure.accept(error);
        } finally {
            onFinally.run();
        }
    }

    /** Runs the cancellation callbacks. */
    public void cancelled() {
        try {
            onCancelled.run();
        } finally {
            onFinally.run();
        }
    }

    /** Passes a status message on. */
    public void messaged(String text) {
        onMessage.accept(text);
    }

    /** Passes progress on. */
    public void progressed(double fraction) {
        onProgress.accept(fraction);
    }
}
