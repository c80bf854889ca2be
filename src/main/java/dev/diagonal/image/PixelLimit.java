package dev.diagonal.image;

import dev.diagonal.DiagonalException;
import java.io.IOException;

/**
 * The largest image decoded, in pixels, checked from the header before any pixel is decoded so a
 * small file claiming a huge size (a decompression bomb) cannot exhaust memory. The default is
 * Pillow's {@code MAX_IMAGE_PIXELS} (89,478,485); {@code -Ddiagonal.maxImagePixels=N} changes it.
 */
public final class PixelLimit {

    /** Pillow's {@code Image.MAX_IMAGE_PIXELS}: about 0.25 GB of 24-bit pixels. */
    public static final long DEFAULT = 89_478_485L;

    /** The system property that overrides {@link #DEFAULT}. */
    public static final String PROPERTY = "diagonal.maxImagePixels";

    private PixelLimit() {}

    /** The limit in force: the property when set to a positive number, else {@link #DEFAULT}. */
    public static long current() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            long limit = Long.parseLong(value.trim().replace("_", ""));
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new DiagonalException("-D" + PROPERTY + " must be a positive whole number of pixels, not '" + value + "'");
    }

    /** Fails when a {@code width}×{@code height} image is over the limit or has no pixels. */
    static void check(long width, long height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IOException("no pixels (" + width + "x" + height + ")");
        }
        long limit = current();
        if (width * height > limit) {
            throw new IOException(String.format(java.util.Locale.ROOT,
                    "%dx%d is %,d pixels, over the limit of %,d (a decompression bomb?); raise it with -D%s=N",
                    width, height, width * height, limit, PROPERTY));
        }
    }
}
