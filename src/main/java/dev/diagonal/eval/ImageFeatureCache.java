package dev.diagonal.eval;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image features already computed in this process, so that scoring the same images again with the same
 * weights (another prompt template, another method's classifier, a second look at the same set) encodes only
 * the text. An entry is keyed by the model's {@link #modelKey} and the SHA-256 of the image file's bytes,
 * and the cache holds at most a budget of feature bytes, dropping the least recently used first.
 *
 * <p>A feature computed in a batch of other images can differ from one computed alone in the last bits
 * (about 1e-6), so a cached feature equals a fresh one exactly only when it was first computed in the same
 * batches, as when the same set is scored twice with the same batch size.
 */
public final class ImageFeatureCache {

    /** The shared cache's budget: 128 MiB of features, 65,536 images at 512 dimensions. */
    public static final long DEFAULT_BYTES = 128L << 20;

    private static final ImageFeatureCache SHARED = new ImageFeatureCache(DEFAULT_BYTES);

    private record Key(String model, String image) {}

    private final long budget;
    private final Map<Key, float[]> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    /** A cache holding at most {@code budgetBytes} of feature values. */
    public ImageFeatureCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** The process-wide cache that evaluation, the demo and the workbench share. */
    public static ImageFeatureCache shared() {
        return SHARED;
    }

    /** A copy of the cached feature of {@code image} under {@code model}, or null. */
    synchronized float[] get(String model, String image) {
        float[] feature = entries.get(new Key(model, image));
        if (feature == null) {
            misses++;
            return null;
        }
        hits++;
        return feature.clone();
    }

    /** As {@link #get}, without counting the look-up. */
    synchronized float[] peek(String model, String image) {
        float[] feature = entries.get(new Key(model, image));
        return feature == null ? null : feature.clone();
    }

    /** Keeps a copy of a feature, dropping the least recently used entries beyond the budget. */
    synchronized void put(String model, String image, float[] feature) {
        float[] old = entries.put(new Key(model, image), feature.clone());
        bytes += 4L * feature.length - (old == null ? 0 : 4L * old.length);
        Iterator<float[]> eldest = entries.values().iterator();
        while (bytes > budget && eldest.hasNext()) {
            bytes -= 4L * eldest.next().length;
            eldest.remove();
        }
    }

    /** Images looked up and found. */
    public synchronized long hits() {
        return hits;
    }

    /** Images looked up and not found. */
    public synchronized long misses() {
        return misses;
    }

    /** Features held. */
    public synchronized int size() {
        return entries.size();
    }

    /** Drops every entry and the counts. */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
        hits = 0;
        misses = 0;
    }

    /** The SHA-256 of a file's bytes in hex, or null when the file cannot be read (decoding will say why). */
    static String contentKey(Path file) {
        try {
            return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
        } catch (IOException | OutOfMemoryError e) {
            return null;
        }
    }

    /**
     * What identifies a model folder's weights and preprocessing: each file in it, followed through links
     * (a run's model view links to its weights), as real path, size, modification time and file key. A
     * rewritten checkpoint gets a new key; a folder of links to the same files gets the same one.
     */
    static String modelKey(Path modelDir) {
        List<String> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(modelDir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    parts.add(file.getFileName() + "=" + file.toRealPath() + ":" + a.size() + ":"
                            + a.lastModifiedTime() + ":" + a.fileKey());
                }
            }
        } catch (IOException e) {
            return null; // no key, no caching: loading the model will report the folder
        }
        parts.sort(null);
        return String.join("|", parts);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
