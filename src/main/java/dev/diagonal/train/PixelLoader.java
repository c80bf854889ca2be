package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.image.UnreadableImageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Preprocessed images by index, decoded and preprocessed on worker threads. When every image fits in
 * the cache limit (as float32), each is kept after its first use, so later epochs skip decoding. With
 * {@link AugmentedImages}, training requests (a micro-batch position of 0 or more) get freshly augmented
 * images; then the decoded images are kept instead, as long as they fit in the cache limit.
 *
 * <p>An image that cannot be decoded at first use ({@link UnreadableImageException}, e.g. a file changed
 * since the dataset was validated) does not end the run: from then on the loader gives an all-zero image
 * for it (the channel means after normalisation), so every later request, and a resumed run that meets
 * the same file, sees the same pixels. Each such file is warned about once, on the thread that awaits it.
 */
final class PixelLoader implements AutoCloseable {

    private final List<Path> images;
    private final Function<Path, float[]> preprocess;
    private final int valuesPerImage;
    private final float[][] cache;
    private final ExecutorService workers;
    private final AugmentedImages augmented;
    private final long cacheLimitBytes;
    private final ConcurrentHashMap<Integer, AugmentedImages.Decoded> decoded = new ConcurrentHashMap<>();
    private final AtomicLong decodedBytes = new AtomicLong();
    private final Set<Integer> unreadable = ConcurrentHashMap.newKeySet();
    private final Queue<String> unwarned = new ConcurrentLinkedQueue<>();
    private volatile Consumer<String> warnings = message -> {};

    /** A batch being prepared: its indices and the images' futures. */
    static final class Pending {
        private final int[] indices;
        private final List<Future<float[]>> parts;
        private final int valuesPerImage;
        private final Runnable afterAwait;

        private Pending(int[] indices, List<Future<float[]>> parts, int valuesPerImage, Runnable afterAwait) {
            this.indices = indices;
            this.parts = parts;
            this.valuesPerImage = valuesPerImage;
            this.afterAwait = afterAwait;
        }

        int[] indices() {
            return indices;
        }

        /** Waits for the images and returns them back to back (N × C × H × W). */
        float[] await() {
            float[] flat = new float[indices.length * valuesPerImage];
            for (int i = 0; i < parts.size(); i++) {
                System.arraycopy(get(parts.get(i)), 0, flat, i * valuesPerImage, valuesPerImage);
            }
            afterAwait.run();
            return flat;
        }
    }

    /**
     * @param images the image files by index
     * @param preprocess the model's preprocessing (thread-safe), giving {@code valuesPerImage} floats
     * @param cacheLimitBytes cache all images when they take at most this many bytes (also capped by the heap)
     * @param threads worker threads
     * @param augmented augments training requests, or null for none
     */
    PixelLoader(List<Path> images, Function<Path, float[]> preprocess, int valuesPerImage, long cacheLimitBytes,
            int threads, AugmentedImages augmented) {
        this.images = List.copyOf(images);
        this.augmented = augmented;
        this.cacheLimitBytes = Math.min(cacheLimitBytes, Runtime.getRuntime().maxMemory() / 3);
        this.preprocess = preprocess;
        this.valuesPerImage = valuesPerImage;
        long bytes = (long) images.size() * valuesPerImage * Float.BYTES;
        boolean fits = bytes <= cacheLimitBytes && bytes <= Runtime.getRuntime().maxMemory() / 3;
        this.cache = fits ? new float[images.size()][] : null;
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, "diagonal-train-preprocess");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The number of worker threads to use on this machine: leave a core to the model when there are few. */
    static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(4, cores <= 2 ? 1 : cores / 2));
    }

    /**
     * Where warnings about unreadable images go (the run's warning channel); called on the thread that
     * awaits a batch, never on a worker thread.
     */
    void warnTo(Consumer<String> sink) {
        this.warnings = sink;
    }

    /** The indices of the images that could not be decoded so far. */
    Set<Integer> unreadable() {
        return Set.copyOf(unreadable);
    }

    /** Whether the images are kept in memory. */
    boolean caching() {
        return cache != null;
    }

    /** Starts preparing the images of {@code indices} as they are (for evaluation). */
    Pending request(int[] indices) {
        return request(indices, -1);
    }

    /**
     * Starts preparing the images of {@code indices} for micro-batch {@code position} of training (augmented
     * when this loader augments); a negative position asks for the images as they are.
     */
    Pending request(int[] indices, long position) {
        List<Future<float[]>> parts = new ArrayList<>(indices.length);
        for (int index : indices) {
            parts.add(workers.submit(() -> readable(index,
                    () -> augmented != null && position >= 0 ? augment(index, position) : load(index))));
        }
        return new Pending(indices.clone(), parts, valuesPerImage, this::flushWarnings);
    }

    /** The image's pixels, or zeros (for good) once it has failed to decode. */
    private float[] readable(int index, Supplier<float[]> pixels) {
        if (!unreadable.contains(index)) {
            try {
                return pixels.get();
            } catch (UnreadableImageException e) {
                if (unreadable.add(index)) {
                    unwarned.add("skipped unreadable image " + images.get(index) + " (" + e.reason()
                            + "); it is replaced by an all-zero image for the rest of the run");
                }
            }
        }
        return new float[valuesPerImage];
    }

    private void flushWarnings() {
        for (String message = unwarned.poll(); message != null; message = unwarned.poll()) {
            warnings.accept(message);
        }
    }

    private float[] augment(int index, long position) {
        AugmentedImages.Decoded image = decoded.get(index);
        if (image == null) {
            image = AugmentedImages.decode(images.get(index));
            if (decodedBytes.addAndGet(image.bytes()) <= cacheLimitBytes) {
                decoded.put(index, image);
            } else {
                decodedBytes.addAndGet(-image.bytes());
            }
        }
        return checked(augmented.pixels(image, index, position), index);
    }

    private float[] checked(float[] pixels, int index) {
        if (pixels.length != valuesPerImage) {
            throw new DiagonalException("preprocessed image " + images.get(index) + " has " + pixels.length
                    + " values; the model takes " + valuesPerImage + " (does preprocessor_config.json match config.json?)");
        }
        return pixels;
    }

    private float[] load(int index) {
        if (cache != null) {
            float[] cached;
            synchronized (cache) {
                cached = cache[index];
            }
            if (cached != null) {
                return cached;
            }
        }
        float[] pixels = checked(preprocess.apply(images.get(index)), index);
        if (cache != null) {
            synchronized (cache) {
                cache[index] = pixels;
            }
        }
        return pixels;
    }

    private static float[] get(Future<float[]> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DiagonalException("cannot preprocess an image: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiagonalException("interrupted while loading images");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
