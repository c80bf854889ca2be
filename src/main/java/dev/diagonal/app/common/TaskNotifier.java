package dev.diagonal.app.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns task endings into what the user sees: a notification for every finished, failed or cancelled
 * task (except quiet successes), and an error dialog for every failure, so nothing fails silently.
 */
public final class TaskNotifier implements TaskEvents {

    private final DialogService dialogs;
    private Consumer<String> notifications = message -> {};

    public TaskNotifier(DialogService dialogs) {
        this.dialogs = Objects.requireNonNull(dialogs);
    }

    /** Where notification texts go (the main window's notification bar). */
    public void setNotifications(Consumer<String> sink) {
        notifications = Objects.requireNonNull(sink);
    }

    @Override
    public void succeeded(String title, boolean quiet) {
        if (!quiet) {
            notifications.accept("✔ " + title + ": done");
        }
    }

    @Override
    public void failed(String title, Throwable error) {
        notifications.accept("✖ " + title + ": failed — " + Errors.message(error));
        dialogs.showError(title + " failed", error);
    }

    @Override
    public void cancelled(String title) {
        notifications.accept("■ " + title + ": cancelled");
    }
}
