package dev.diagonal.app.common;

import ai.djl.engine.Engine;

/**
 * Loads the deep-learning engine (PyTorch's native libraries) on a background thread as the workbench
 * starts, before any screen needs it.
 *
 * <p>Why: loading {@code libtorch_cpu.so} takes the C library's dynamic-linker lock for half a second
 * or more (its static initialisers run under it). Any other thread that links a native method in that
 * time waits for the lock; JavaFX's renderer does so the first time it draws, say, a drop shadow, and
 * the JavaFX thread then waits for the renderer: measured as a 600+ ms freeze when the first fine-tune
 * loaded the engine mid-run. Loaded at start, the wait falls before the window has anything to show.
 */
public final class EnginePreload {

    private EnginePreload() {}

    /** Starts loading the engine on a daemon thread; failures are left for the first real use to report. */
    public static Thread start() {
        Thread thread = new Thread(EnginePreload::load, "diagonal-engine-preload");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void load() {
        try {
            Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            // no engine here: the screen that needs it says so when it is used
        }
    }
}
