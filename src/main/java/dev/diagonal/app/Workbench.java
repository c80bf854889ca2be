package dev.diagonal.app;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.EnginePreload;
import dev.diagonal.train.HeapRelease;
import javafx.application.Application;

/**
 * Starts the workbench from plain Java (the command line calls this; no JavaFX types in sight). Blocks
 * until the window closes, or until the snapshot is written.
 */
public final class Workbench {

    /**
     * JavaFX warns on every start that it was loaded from the class path ("unsupported configuration");
     * that is how Diagonal ships it (PLATFORM.md), so the warning is silenced. Held here so the level
     * setting is not garbage-collected with the logger.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private Workbench() {}

    /**
     * Runs the workbench with {@code --project DIR}, {@code --snapshot FILE.png}, {@code --screen NAME}.
     *
     * @return the exit code: 0, or 1 when a snapshot could not be made
     * @throws DiagonalException for bad options
     */
    public static int launch(String... args) {
        WorkbenchOptions.parse(args); // fail on bad options before any window opens
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        EnginePreload.start();
        HeapRelease.setForcedCollection(false); // a forced full collection would freeze the UI as a run starts
        Application.launch(WorkbenchApp.class, args);
        return WorkbenchApp.exitCode();
    }
}
