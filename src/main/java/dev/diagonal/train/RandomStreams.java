package dev.diagonal.train;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, micro-batch position, sample index), so the random choices
 * for a sample at a given point of a run never depend on what ran before: a resumed run makes the
 * same choices as an uninterrupted one, whatever order the worker threads take.
 */
final class RandomStreams {

    private RandomStreams() {}

    /** The stream for sample {@code index} in micro-batch {@code position} of a run seeded {@code seed}. */
    static SplittableRandom of(long seed, long position, int index) {
        long key = new SplittableRandom(seed).nextLong() ^ (position * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(new SplittableRandom(key).nextLong());
    }
}
