package dev.diagonal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-input budget of the Jazzer targets while fuzzing ({@code JAZZER_FUZZ} set): an input that costs
 * more than a second of the fuzzing thread's CPU time is a finding. CPU time rather than wall time, because
 * the passes run at low priority on a shared machine, where wall time measures the other jobs. In regression
 * mode ({@code mvn test}) nothing is timed: the suite has no timed tests.
 */
public final class FuzzBudget {

    /** One second of CPU time per input. */
    public static final long LIMIT_NANOS = 1_000_000_000L;
    /** The first inputs load classes and warm the JIT, so they are not held to the budget. */
    static final int WARM_UP_INPUTS = 50;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final FuzzBudget TARGETS = new FuzzBudget(System.getenv("JAZZER_FUZZ") != null);

    private final boolean fuzzing;
    private final AtomicInteger inputs = new AtomicInteger();

    /** One input's work. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    FuzzBudget(boolean fuzzing) {
        this.fuzzing = fuzzing;
    }

    /** Runs {@code body}; while fuzzing, fails when it used more than {@link #LIMIT_NANOS} of CPU time. */
    public static void check(Body body) throws Exception {
        TARGETS.run(body);
    }

    void run(Body body) throws Exception {
        if (!fuzzing) {
            body.run();
            return;
        }
        long start = cpuNanos();
        Exception failure = null;
        try {
            body.run();
        } catch (Exception e) {
            failure = e;
        }
        long used = cpuNanos() - start;
        if (inputs.incrementAndGet() > WARM_UP_INPUTS && used > LIMIT_NANOS) {
            AssertionError slow = new AssertionError(String.format(Locale.ROOT,
                    "input took %.2f s of CPU time, over the budget of %.0f s", used / 1e9, LIMIT_NANOS / 1e9));
            if (failure != null) {
                slow.addSuppressed(failure);
            }
            throw slow;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The CPU time the current thread has used, in nanoseconds. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
