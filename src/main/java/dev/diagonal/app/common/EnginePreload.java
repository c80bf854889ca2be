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
 *
 * <p>It also leaves one core to the UI: PyTorch's intra-op threads default to one per core, and while
 * a fine-tune ran they kept the JavaFX thread waiting for a CPU (longest stall 89–134 ms on 2 cores).
 * With one thread fewer (at least one) the stalls stayed under 100 ms, and the small models trained
 * here even ran faster (1-epoch benchmark 29.5 s against 43–52 s). A value the user sets with
 * {@code -Dai.djl.pytorch.num_threads=N} is kept.
 */
public final class EnginePreload {

    private EnginePreload() {}

    /** The system property DJL's PyTorch engine reads its intra-op thread count from, once, as it loads. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /**
     * Sets the engine's intra-op threads to {@link #uiFriendlyThreads} unless the property is already
     * set, then starts loading the engine on a daemon thread; failures are left for the first real use
     * to report.
     */
    public static Thread start() {
        if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(uiFriendlyThreads(Runtime.getRuntime().availableProcessors())));
        }
        Thread thread = new Thread(EnginePreload::load, "diagonal-engine-preload");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Intra-op threads that leave a core to the UI: one fewer than the cores, at least one. */
    static int uiFriendlyThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    private static void load() {
        try {
            Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            // no engine here: the screen that needs it says so when it is used
        }
    }
}
