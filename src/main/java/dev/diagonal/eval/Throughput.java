package dev.diagonal.eval;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Steady-state embedding throughput of a loaded model: random inputs of the model's own shapes,
 * warm-up passes first, then passes timed until a time budget is spent. The reference script
 * {@code tools/reference/bench_embed.py} measures HF the same way, side by side.
 */
public final class Throughput {

    /**
     * Items per second of wall time, over {@code passes} timed passes of {@code batchSize} items, and
     * the process's CPU seconds per item (all threads, native ones included): the CPU figure is far
     * less disturbed by other load on a shared machine.
     */
    public record Rate(double itemsPerSecond, int passes, int batchSize, double seconds, double cpuSecondsPerItem) {}

    private final Embedder embedder;
    private final Random random = new Random(0);

    public Throughput(Embedder embedder) {
        this.embedder = embedder;
    }

    /** Image features from random pixel values. */
    public Rate images(int batchSize, int warmup, double seconds) {
        int channels = embedder.model().config().vision().numChannels();
        int size = embedder.model().config().vision().imageSize();
        float[][] pixels = new float[batchSize][channels * size * size];
        for (float[] image : pixels) {
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) random.nextGaussian();
            }
        }
        return time(batchSize, warmup, seconds, () -> embedder.embedPixels(pixels));
    }

    /** Text features from random full-length token sequences (start and end tokens included). */
    public Rate texts(int batchSize, int warmup, double seconds) {
        var text = embedder.model().config().text();
        int length = text.maxPositionEmbeddings();
        long[][] ids = new long[batchSize][length];
        int end = text.legacyPooling() ? text.vocabSize() - 1 : text.eosTokenId();
        for (long[] row : ids) {
            row[0] = text.bosTokenId();
            for (int i = 1; i < length - 1; i++) {
                row[i] = 3 + random.nextInt(Math.max(1, Math.min(text.bosTokenId(), end) - 4));
            }
            row[length - 1] = end;
        }
        return time(batchSize, warmup, seconds, () -> embedder.embedTokens(ids, null));
    }

    private static Rate time(int batchSize, int warmup, double seconds, Runnable pass) {
        for (int i = 0; i < warmup; i++) {
            pass.run();
        }
        int passes = 0;
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        double elapsed;
        do {
            pass.run();
            passes++;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (elapsed < seconds);
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        return new Rate(passes * batchSize / elapsed, passes, batchSize, elapsed, cpu / (passes * batchSize));
    }

    /** CPU time of the whole process (every thread), or -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
