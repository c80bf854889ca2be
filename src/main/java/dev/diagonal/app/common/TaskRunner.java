package dev.diagonal.app.common;

/**
 * The one seam through which view models run background work. The workbench runs tasks on a thread
 * pool and calls back on the JavaFX thread, listing them in the task panel; tests run them inline.
 * A failed task is always reported to the user (an error dialog), whatever its own callbacks do.
 */
public interface TaskRunner {

    /** Starts a task described by {@code spec}. */
    <T> TaskHandle start(TaskSpec<T> spec);

    /** Begins describing a task with a title (shown in the task panel and in notifications). */
    default <T> TaskSpec<T> task(String title, BackgroundWork<T> work) {
        return new TaskSpec<>(this, title, work);
    }
}
