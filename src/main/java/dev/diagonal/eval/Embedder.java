package dev.diagonal.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDScope;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.StateDict;
import dev.diagonal.image.ClipImageProcessor;
import dev.diagonal.image.ImageProcessorConfig;
import dev.diagonal.image.UnreadableImageException;
import dev.diagonal.text.ClipTokenizer;
import dev.diagonal.text.TokenBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A loaded HF model folder: the model, its tokenizer and its image preprocessing, turning image files
 * and texts into features exactly as HF's {@code get_image_features} / {@code get_text_features}.
 * Images are decoded and preprocessed on worker threads one batch ahead of the model. Opened with an
 * {@link ImageFeatureCache}, it encodes only the images the cache does not hold for these weights.
 */
public final class Embedder implements AutoCloseable, TextEncoder {

    private final Path modelDir;
    private final NDManager manager;
    private final ClipModel model;
    private final ClipTokenizer tokenizer;
    private final ClipImageProcessor processor;
    private final ExecutorService workers;
    private final ImageFeatureCache cache;
    private final String modelKey;

    private Embedder(Path modelDir, NDManager manager, ClipModel model, ClipTokenizer tokenizer, ClipImageProcessor processor,
            ImageFeatureCache cache) {
        this.modelDir = modelDir;
        this.modelKey = cache == null ? null : ImageFeatureCache.modelKey(modelDir);
        this.cache = modelKey == null ? null : cache;
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
        this.processor = processor;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "diagonal-preprocess");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens an HF model folder on {@code device}; every image is encoded. */
    public static Embedder open(Path modelDir, Device device) {
        return open(modelDir, device, null);
    }

    /**
     * Opens an HF model folder on {@code device}, taking the features of images already encoded with these
     * weights from {@code cache} (null for none) and keeping the new ones there.
     */
    public static Embedder open(Path modelDir, Device device, ImageFeatureCache cache) {
        if (!Files.isDirectory(modelDir)) {
            throw new DiagonalException("model folder not found: " + modelDir);
        }
        ClipConfig config = ClipConfig.read(modelDir);
        NDManager manager = Engine.getInstance().newBaseManager(device);
        try {
            ClipModel model = StateDict.load(modelDir, manager);
            ClipTokenizer tokenizer = ClipTokenizer.load(modelDir, config.text().maxPositionEmbeddings());
            return new Embedder(modelDir, manager, model, tokenizer, new ClipImageProcessor(imageConfig(modelDir, config)),
                    cache);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** {@code preprocessor_config.json}, or HF's CLIP defaults at the model's image size when it is absent. */
    public static ImageProcessorConfig imageConfig(Path modelDir, ClipConfig config) {
        Path file = modelDir.resolve("preprocessor_config.json");
        return Files.isRegularFile(file) ? ImageProcessorConfig.fromJson(file)
                : ImageProcessorConfig.defaults(config.vision().imageSize());
    }

    public ClipModel model() {
        return model;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    public ClipImageProcessor processor() {
        return processor;
    }

    public Path modelDir() {
        return modelDir;
    }

    public NDManager manager() {
        return manager;
    }

    /** {@code exp(logit_scale)}: the factor on cosine similarities in the logits. */
    public float logitScaleExp() {
        return (float) Math.exp(model.logitScale().getFloat());
    }

    /**
     * Image features of the images that could be read, and the ones that could not.
     *
     * @param features one row per kept image, in input order
     * @param kept the input index of each row of {@code features}
     * @param skipped the unreadable images, in input order
     */
    public record Embedded(float[][] features, int[] kept, List<SkippedImage> skipped) {}

    /** An image left out because it cannot be decoded: its input index, file and reason. */
    public record SkippedImage(int index, Path file, String reason) {}

    /**
     * Image features in input order; {@code progress} hears the number of images done so far.
     *
     * @throws UnreadableImageException for the first image that cannot be decoded (use
     *     {@link #embedReadable} to skip such images instead)
     */
    public float[][] embedImages(List<Path> images, int batchSize, IntConsumer progress) {
        Embedded embedded = embedReadable(images, batchSize, progress);
        if (!embedded.skipped().isEmpty()) {
            SkippedImage first = embedded.skipped().get(0);
            throw new UnreadableImageException(first.file(), first.reason(), null);
        }
        return embedded.features();
    }

    /**
     * Image features of every image that can be decoded; an image whose decoding throws
     * {@link UnreadableImageException} (e.g. changed since the dataset was validated) is skipped and listed
     * instead of ending the call. Any other failure still ends it.
     */
    public Embedded embedReadable(List<Path> images, int batchSize, IntConsumer progress) {
        List<float[]> out = new ArrayList<>(images.size());
        List<Integer> kept = new ArrayList<>(images.size());
        List<SkippedImage> skipped = new ArrayList<>();
        Future<Prepared>[] next = submit(images, 0, batchSize);
        for (int start = 0; start < images.size(); start += batchSize) {
            Future<Prepared>[] current = next;
            next = submit(images, start + batchSize, batchSize);
            List<Prepared> batch = new ArrayList<>(current.length);
            for (int i = 0; i < current.length; i++) {
                try {
                    batch.add(await(current[i]));
                    kept.add(start + i);
                } catch (UnreadableImageException e) {
                    skipped.add(new SkippedImage(start + i, images.get(start + i), e.reason()));
                }
            }
            out.addAll(features(batch));
            progress.accept(start + current.length);
        }
        return new Embedded(out.toArray(new float[0][]), kept.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(skipped));
    }

    /** An image ready for the model: its cached feature, or its pixels (and its content key when caching). */
    private record Prepared(String contentKey, float[] feature, float[] pixels) {}

    private Prepared prepare(Path image) {
        String key = cache == null ? null : ImageFeatureCache.contentKey(image);
        float[] hit = key == null ? null : cache.get(modelKey, key);
        return hit != null ? new Prepared(key, hit, null) : new Prepared(key, null, processor.preprocess(image));
    }

    /**
     * The features of a batch in order: cached ones as they are, the others encoded together (and cached).
     * An image the worker missed is looked up once more here: its twin may have been cached by the batch before,
     * after the worker looked, and taking it either way keeps the result independent of thread timing.
     */
    private List<float[]> features(List<Prepared> batch) {
        float[][] out = new float[batch.size()][];
        List<float[]> pixels = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            Prepared p = batch.get(i);
            out[i] = p.feature() != null || p.contentKey() == null ? p.feature() : cache.peek(modelKey, p.contentKey());
            if (out[i] == null) {
                pixels.add(p.pixels());
            }
        }
        float[][] encoded = pixels.isEmpty() ? new float[0][] : embedPixels(pixels.toArray(new float[0][]));
        int next = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = encoded[next++];
                if (batch.get(i).contentKey() != null) {
                    cache.put(modelKey, batch.get(i).contentKey(), out[i]);
                }
            }
        }
        return List.of(out);
    }

    /** Image features for already preprocessed images (each C×H×W, as {@link ClipImageProcessor} makes them). */
    public float[][] embedPixels(float[][] pixels) {
        int channels = model.config().vision().numChannels();
        int size = model.config().vision().imageSize();
        int per = channels * size * size;
        float[] flat = new float[pixels.length * per];
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != per) {
                throw new DiagonalException("preprocessed image " + i + " has " + pixels[i].length
                        + " values; the model takes " + channels + "x" + size + "x" + size
                        + " (does preprocessor_config.json match config.json?)");
            }
            System.arraycopy(pixels[i], 0, flat, i * per, per);
        }
        try (NDScope scope = new NDScope()) {
            NDArray input = manager.create(flat, new Shape(pixels.length, channels, size, size));
            return rows(model.imageFeatures(input));
        }
    }

    /** Text features in input order. */
    @Override
    public float[][] embedTexts(List<String> texts, int batchSize) {
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += batchSize) {
            List<String> batch = texts.subList(start, Math.min(texts.size(), start + batchSize));
            TokenBatch tokens = tokenizer.encodeBatch(batch);
            float[][] features = embedTokens(tokens.inputIds(), tokens.attentionMask());
            System.arraycopy(features, 0, out, start, features.length);
        }
        return out;
    }

    /** Text features for token ids (rows padded to one length) and their attention mask. */
    public float[][] embedTokens(long[][] inputIds, long[][] attentionMask) {
        try (NDScope scope = new NDScope()) {
            NDArray ids = manager.create(inputIds);
            NDArray mask = attentionMask == null ? null : manager.create(attentionMask);
            return rows(model.textFeatures(ids, mask));
        }
    }

    /** A 2-D feature array as Java rows (one per input); the model under training reads its features this way too. */
    public static float[][] rows(NDArray features) {
        int rows = (int) features.getShape().get(0);
        int cols = (int) features.getShape().get(1);
        float[] flat = features.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Future<Prepared>[] submit(List<Path> images, int start, int batchSize) {
        int end = Math.min(images.size(), start + batchSize);
        List<Future<Prepared>> futures = new ArrayList<>();
        for (int i = start; i < end; i++) {
            Path image = images.get(i);
            futures.add(workers.submit(() -> prepare(image)));
        }
        return futures.toArray(new Future[0]);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new DiagonalException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiagonalException("interrupted");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        tokenizer.close();
        manager.close();
    }
}
