package dev.diagonal.app.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX thread is unavailable: an {@link AnimationTimer} records the gap between
 * consecutive pulses (about 16.7 ms while the thread keeps up; a stall shows as one long gap), and a
 * background thread posts a {@link Platform#runLater} ping every 16 ms and records how long each waited
 * for the thread.
 */
public final class PulseMonitor {

    private static final long PING_MILLIS = 16;
    private static final double LONG_GAP_MILLIS = 50;

    private final StallStats pulseGaps = new StallStats();
    private final StallStats pingDelays = new StallStats();
    private AnimationTimer timer;
    private ScheduledExecutorService pinger;
    private final List<Map<String, Object>> longGaps = new ArrayList<>();
    private long lastPulse;

    /** Milliseconds since the JVM started: the clock of {@code -Xlog} uptime and JFR, to line events up with. */
    public static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Starts measuring; call on the JavaFX thread. */
    public void start() {
        lastPulse = 0;
        longGaps.clear();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse != 0) {
                    double gap = (now - lastPulse) / 1e6;
                    pulseGaps.add(gap);
                    if (gap > LONG_GAP_MILLIS) {
                        // when, on the clock of JVM logs (-Xlog uptime, JFR), to find what filled the gap
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("ended_at_uptime_ms", uptimeMillis());
                        entry.put("ended_at_epoch_ms", System.currentTimeMillis());
                        entry.put("gap_ms", Math.round(gap * 10) / 10.0);
                        longGaps.add(entry);
                    }
                }
                lastPulse = now;
            }
        };
        timer.start();
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "diagonal-pulse-ping");
            thread.setDaemon(true);
            return thread;
        });
        pinger.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> pingDelays.add((System.nanoTime() - posted) / 1e6));
        }, 0, PING_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops measuring and returns {@code pulses} (gaps between pulses), {@code runlater} (ping delays) and
     * {@code long_gaps} (each gap over 50 ms, with when it ended: JVM uptime and epoch milliseconds); JavaFX thread.
     */
    public Map<String, Object> stop() {
        timer.stop();
        pinger.shutdownNow();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pulses", pulseGaps.summary());
        result.put("runlater", pingDelays.summary());
        result.put("long_gaps", List.copyOf(longGaps));
        return result;
    }

    /** The longest gap between two pulses so far, in milliseconds. */
    public double longestStallMillis() {
        return pulseGaps.max();
    }
}
