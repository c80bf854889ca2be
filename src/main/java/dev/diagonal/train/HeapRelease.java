package dev.diagonal.train;

/**
 * Whether training forces a full garbage collection once a model's weights are loaded. The weights are
 * read into the Java heap and copied to native memory; collecting them at once lets the heap shrink
 * before optimizer state and gradients are made (the command line's peak memory). But a forced full
 * collection stops every Java thread, 100+ ms on two busy cores: the workbench turns it off, so its UI
 * does not freeze as a run starts, and lets the collector reclaim the copies in its own time.
 */
public final class HeapRelease {

    private static volatile boolean forced = true;

    private HeapRelease() {}

    /** Turns the forced collection after loading weights on (the default) or off (an interactive app). */
    public static void setForcedCollection(boolean on) {
        forced = on;
    }

    /** Whether a collection is forced after loading weights. */
    public static boolean forcedCollection() {
        return forced;
    }

    /** Called once the weights are loaded into native memory. */
    static void afterWeightsLoaded() {
        if (forced) {
            System.gc();
        }
    }
}
