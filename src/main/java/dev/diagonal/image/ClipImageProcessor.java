package dev.diagonal.image;

import java.nio.file.Path;

/**
 * CLIP image preprocessing equal to Hugging Face's slow, Pillow-based {@code CLIPImageProcessor}
 * ({@code CLIPImageProcessorPil} in transformers 5.x): resize (Pillow filters, bit-exact), center crop
 * (zero padding when the image is smaller), rescale, normalise, channel-major output like one entry
 * of HF's {@code pixel_values}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ClipImageProcessor {

    private static final int CHANNELS = 3;

    private final ImageProcessorConfig config;
    /** Output value for each channel and 8-bit sample: rescale then normalise, as numpy computes it. */
    private final float[][] lookup = new float[CHANNELS][256];

    public ClipImageProcessor(ImageProcessorConfig config) {
        this.config = config;
        double[] mean = config.imageMean();
        double[] std = config.imageStd();
        for (int c = 0; c < CHANNELS; c++) {
            float m = (float) mean[c];
            float s = (float) std[c];
            for (int v = 0; v < 256; v++) {
                // numpy: (uint8 as float64 * scale) cast to float32, then (x - mean) / std in float32
                float x = config.doRescale() ? (float) (v * config.rescaleFactor()) : v;
                lookup[c][v] = config.doNormalize() ? (x - m) / s : x;
            }
        }
    }

    public ImageProcessorConfig config() {
        return config;
    }

    /** Reads the image file (see {@link ImageLoader#readRgb}) and preprocesses it. */
    public float[] preprocess(Path imageFile) {
        return preprocess(ImageLoader.readRgb(imageFile));
    }

    /**
     * Preprocesses an RGB image into {@code 3 x H x W} floats, channel-major (all red values row by row,
     * then green, then blue); H x W is {@link #outputSize} of the image.
     */
    public float[] preprocess(RgbImage image) {
        int[] resized = config.doResize() ? resizedSize(image.height(), image.width())
                : new int[] {image.height(), image.width()};
        int height = config.doCenterCrop() ? config.cropHeight() : resized[0];
        int width = config.doCenterCrop() ? config.cropWidth() : resized[1];
        // HF center_crop: top = (h - crop_h) // 2; rows outside the image are zero (before rescaling)
        int top = Math.floorDiv(resized[0] - height, 2);
        int left = Math.floorDiv(resized[1] - width, 2);
        // only the part of the resized image that the crop keeps is computed
        int windowTop = Math.max(top, 0);
        int windowLeft = Math.max(left, 0);
        int windowHeight = Math.min(top + height, resized[0]) - windowTop;
        int windowWidth = Math.min(left + width, resized[1]) - windowLeft;
        RgbImage window = config.doResize()
                ? PilResize.resizeRegion(image, resized[1], resized[0], config.resample(),
                        windowLeft, windowTop, windowWidth, windowHeight)
                : image;
        int originX = config.doResize() ? windowLeft : 0;
        int originY = config.doResize() ? windowTop : 0;
        byte[] data = window.data();
        float[] out = new float[CHANNELS * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            int sourceY = y + top - originY;
            boolean rowInside = sourceY >= 0 && sourceY < window.height();
            for (int x = 0; x < width; x++) {
                int sourceX = x + left - originX;
                boolean inside = rowInside && sourceX >= 0 && sourceX < window.width();
                int p = (sourceY * window.width() + sourceX) * 3;
                for (int c = 0; c < CHANNELS; c++) {
                    out[c * plane + y * width + x] = lookup[c][inside ? data[p + c] & 0xFF : 0];
                }
            }
        }
        return out;
    }

    /** {height, width} of {@link #preprocess}'s output for an image of the given size. */
    public int[] outputSize(int imageHeight, int imageWidth) {
        if (config.doCenterCrop()) {
            return new int[] {config.cropHeight(), config.cropWidth()};
        }
        return config.doResize() ? resizedSize(imageHeight, imageWidth) : new int[] {imageHeight, imageWidth};
    }

    /** {height, width} after HF's resize step. */
    int[] resizedSize(int height, int width) {
        if (config.shortestEdge() == 0) {
            return new int[] {config.resizeHeight(), config.resizeWidth()};
        }
        if (config.longestEdge() > 0) {
            return sizeWithAspectRatio(height, width, config.shortestEdge(), config.longestEdge());
        }
        // get_resize_output_image_size(default_to_square=False): the long side is int()-truncated
        int shortSide = Math.min(height, width);
        int longSide = Math.max(height, width);
        int newShort = config.shortestEdge();
        int newLong = (int) ((double) ((long) newShort * longSide) / shortSide);
        return width <= height ? new int[] {newLong, newShort} : new int[] {newShort, newLong};
    }

    /** transformers' get_size_with_aspect_ratio, used when both shortest and longest edge are set. */
    static int[] sizeWithAspectRatio(int height, int width, int shortestEdge, int longestEdge) {
        double minSide = Math.min(height, width);
        double maxSide = Math.max(height, width);
        int size = shortestEdge;
        double rawSize = Double.NaN;
        if (maxSide / minSide * size > longestEdge) {
            rawSize = longestEdge * minSide / maxSide;
            size = (int) Math.rint(rawSize);
        }
        if (height <= width && height == size || width <= height && width == size) {
            return new int[] {height, width};
        }
        boolean capped = !Double.isNaN(rawSize);
        if (width < height) {
            int h = capped ? (int) (rawSize * height / width) : (int) ((double) ((long) size * height) / width);
            return new int[] {h, size};
        }
        int w = capped ? (int) (rawSize * width / height) : (int) ((double) ((long) size * width) / height);
        return new int[] {size, w};
    }
}
