package dev.diagonal.train;

/**
 * Training tests run tiny models on a small machine shared with other builds: with two intra-op
 * threads each of the many tiny ops waits for a descheduled partner thread (runs took 5x longer).
 * One thread is enough for these models; numbers are compared within one setting, never across.
 */
final class TestEngine {

    /** The JVM option that gives PyTorch one intra-op thread (also passed to child JVMs). */
    static final String ONE_THREAD = "-Dai.djl.pytorch.num_threads=1";

    private TestEngine() {}

    /** Call before the engine starts (first thing in a test class). */
    static void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
}
