package dev.diagonal.train;

import java.util.ArrayDeque;
import java.util.function.LongFunction;

/**
 * Keeps a few batches of a fixed sequence in preparation ahead of the model (a small bounded queue):
 * batch {@code g} of the sequence is {@code batchAt.apply(g)}, for {@code g} from {@code first} up to
 * (not including) {@code end}.
 */
final class Prefetcher {

    /** A loaded batch: sample indices and their preprocessed images back to back. */
    record Batch(long position, int[] indices, float[] pixels) {}

    private final PixelLoader loader;
    private final LongFunction<int[]> batchAt;
    private final long end;
    private final int depth;
    private final ArrayDeque<PixelLoader.Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Long> positions = new ArrayDeque<>();
    private long next;

    Prefetcher(PixelLoader loader, LongFunction<int[]> batchAt, long first, long end, int depth) {
        this.loader = loader;
        this.batchAt = batchAt;
        this.next = first;
        this.end = end;
        this.depth = Math.max(1, depth);
    }

    /** Whether batches are left. */
    boolean hasNext() {
        return !queue.isEmpty() || next < end;
    }

    /** The next batch, waiting for it if needed; the one after is already under way. */
    Batch next() {
        fill();
        PixelLoader.Pending head = queue.poll();
        long position = positions.poll();
        fill();
        return new Batch(position, head.indices(), head.await());
    }

    private void fill() {
        while (queue.size() < depth && next < end) {
            positions.add(next);
            queue.add(loader.request(batchAt.apply(next), next));
            next++;
        }
    }
}
