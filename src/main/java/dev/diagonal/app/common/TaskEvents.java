package dev.diagonal.app.common;

/** Hears how tasks end, on the UI thread: the workbench turns these into notifications and error dialogs. */
public interface TaskEvents {

    /** A task finished normally; {@code quiet} tasks asked for no notification. */
    void succeeded(String title, boolean quiet);

    /** A task failed. */
    void failed(String title, Throwable error);

    /** A task stopped because the user cancelled it. */
    void cancelled(String title);
}
