package dev.diagonal.image;

import java.util.Arrays;

/**
 * An 8-bit RGB image: {@code data} holds the samples interleaved (R, G, B per pixel), row by row
 * from the top-left, so pixel (x, y) channel c sits at {@code (y * width + x) * 3 + c}. Samples are
 * unsigned: read them with {@code data[i] & 0xFF}. This is the layout of a numpy array of shape
 * (height, width, 3) — what {@code np.array(pil_image.convert("RGB"))} gives.
 *
 * <p>The record does not copy {@code data}; equality compares the pixel contents.
 */
public record RgbImage(int width, int height, byte[] data) {

    /** Checks that the dimensions are positive and match the data length. */
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (data == null || (long) width * height * 3 != data.length) {
            throw new IllegalArgumentException("RGB data of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + (data == null ? "null" : data.length));
        }
    }

    /** A black image of the given size. */
    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    }

    /** The unsigned sample of channel {@code channel} (0 = red, 1 = green, 2 = blue) at (x, y). */
    public int sample(int x, int y, int channel) {
        return data[(y * width + x) * 3 + channel] & 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage image && image.width == width && image.height == height
                && Arrays.equals(image.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
