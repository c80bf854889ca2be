package dev.diagonal.image;

import java.util.Arrays;

/**
 * Resizes 8-bit RGB images exactly as Pillow's {@code Image.resize} does (Pillow 12, whole-image box,
 * no {@code reducing_gap}), so results are bit-identical to Pillow on the same input.
 *
 * <p>Convolution filters follow {@code libImaging/Resample.c}: separable two-pass resampling; on
 * downscale the kernel is widened by the scale factor (antialiasing); per-output coefficients are
 * computed in double, normalised to sum 1, then turned into 22-bit fixed point; every pass starts
 * its accumulator at one half, shifts right by 22 and clamps to 0..255, so the intermediate image
 * is rounded to 8 bits. The horizontal pass runs first, except that Pillow resamples vertically
 * first for images more than 100 times taller than wide that shrink in height.
 * {@link Resample#NEAREST} follows {@code ImagingScaleAffine} (accumulated double positions).
 *
 * <p>{@link #resizeRegion} computes only a window of the result (each output pixel depends only on its
 * own coefficients, so the window is identical to cropping the full result); the CLIP processor uses
 * it to skip what the center crop discards, which matters for extreme aspect ratios.
 */
public final class PilResize {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PilResize() {}

    /** Returns {@code image} resized to {@code width} x {@code height} with {@code filter}. */
    public static RgbImage resize(RgbImage image, int width, int height, Resample filter) {
        return resizeRegion(image, width, height, filter, 0, 0, width, height);
    }

    /**
     * Returns the window [x, x + regionWidth) x [y, y + regionHeight) of {@code image} resized to
     * {@code width} x {@code height}; the window must lie inside the resized image.
     */
    public static RgbImage resizeRegion(RgbImage image, int width, int height, Resample filter,
            int x, int y, int regionWidth, int regionHeight) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if (x < 0 || y < 0 || regionWidth <= 0 || regionHeight <= 0 || x + regionWidth > width
                || y + regionHeight > height) {
            throw new IllegalArgumentException("region outside the " + width + "x" + height + " result");
        }
        Range columns = new Range(x, x + regionWidth);
        Range rows = new Range(y, y + regionHeight);
        if (width == image.width() && height == image.height()) {
            return window(image, columns, rows);
        }
        if (filter == Resample.NEAREST) {
            return nearest(image, width, height, columns, rows);
        }
        Coefficients horizontal = width == image.width() ? null : Coefficients.of(image.width(), width, filter);
        Coefficients vertical = height == image.height() ? null : Coefficients.of(image.height(), height, filter);
        if (image.height() > (long) image.width() * 100 && height < image.height()) {
            // Pillow's order for very tall images: vertical pass on the needed columns, then horizontal
            Range sourceColumns = horizontal == null ? columns : horizontal.sourceRange(columns);
            RgbImage tall = verticalPass(window(image, sourceColumns, new Range(0, image.height())), vertical, rows, 0);
            return horizontal == null ? tall : horizontalPass(tall, horizontal, columns, sourceColumns.from);
        }
        Range sourceRows = vertical == null ? rows : vertical.sourceRange(rows);
        RgbImage wide = horizontal == null ? window(image, columns, sourceRows)
                : horizontalPass(window(image, new Range(0, image.width()), sourceRows), horizontal, columns, 0);
        return vertical == null ? wide : verticalPass(wide, vertical, rows, sourceRows.from);
    }

    /** Half-open index interval. */
    private record Range(int from, int to) {
        int size() {
            return to - from;
        }
    }

    private static RgbImage window(RgbImage image, Range columns, Range rows) {
        if (columns.from == 0 && rows.from == 0 && columns.to == image.width() && rows.to == image.height()) {
            return new RgbImage(image.width(), image.height(), image.data().clone());
        }
        byte[] out = new byte[columns.size() * rows.size() * 3];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(image.data(), ((rows.from + r) * image.width() + columns.from) * 3,
                    out, r * columns.size() * 3, columns.size() * 3);
        }
        return new RgbImage(columns.size(), rows.size(), out);
    }

    /** Fixed-point kernel weights for each output position along one axis. */
    private record Coefficients(int kernelSize, int[] first, int[] count, int[] weights) {

        static Coefficients of(int inSize, int outSize, Resample filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            int kernelSize = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * kernelSize];
            double[] k = new double[kernelSize];
            double inverseScale = 1.0 / filterScale;
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double sum = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = filter.weight((x + xmin - center + 0.5) * inverseScale);
                    k[x] = w;
                    sum += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double normalised = sum != 0.0 ? k[x] / sum : k[x];
                    weights[xx * kernelSize + x] = normalised < 0
                            ? (int) (-0.5 + normalised * (1 << PRECISION_BITS))
                            : (int) (0.5 + normalised * (1 << PRECISION_BITS));
                }
                first[xx] = xmin;
                count[xx] = Math.max(xmax, 0);
            }
            return new Coefficients(kernelSize, first, count, weights);
        }

        /** Source positions read by the outputs in {@code outputs}. */
        Range sourceRange(Range outputs) {
            int from = Integer.MAX_VALUE;
            int to = 0;
            for (int i = outputs.from; i < outputs.to; i++) {
                from = Math.min(from, first[i]);
                to = Math.max(to, first[i] + count[i]);
            }
            return new Range(Math.min(from, to), to);
        }
    }

    private static int clip8(int accumulator) {
        int value = accumulator >> PRECISION_BITS;
        return value < 0 ? 0 : Math.min(value, 255);
    }

    /** Output columns {@code columns}; source column c of {@code image} is absolute column c + offset. */
    private static RgbImage horizontalPass(RgbImage image, Coefficients c, Range columns, int offset) {
        int inRow = image.width() * 3;
        byte[] in = image.data();
        byte[] out = new byte[columns.size() * image.height() * 3];
        int o = 0;
        for (int y = 0; y < image.height(); y++) {
            int rowStart = y * inRow;
            for (int xx = columns.from; xx < columns.to; xx++) {
                int p = rowStart + (c.first[xx] - offset) * 3;
                int kOffset = xx * c.kernelSize;
                int r = HALF;
                int g = HALF;
                int b = HALF;
                for (int x = 0, n = c.count[xx]; x < n; x++, p += 3) {
                    int k = c.weights[kOffset + x];
                    r += (in[p] & 0xFF) * k;
                    g += (in[p + 1] & 0xFF) * k;
                    b += (in[p + 2] & 0xFF) * k;
                }
                out[o++] = (byte) clip8(r);
                out[o++] = (byte) clip8(g);
                out[o++] = (byte) clip8(b);
            }
        }
        return new RgbImage(columns.size(), image.height(), out);
    }

    /** Output rows {@code rows}; source row r of {@code image} is absolute row r + offset. */
    private static RgbImage verticalPass(RgbImage image, Coefficients c, Range rows, int offset) {
        int row = image.width() * 3;
        byte[] in = image.data();
        byte[] out = new byte[row * rows.size()];
        int[] accumulator = new int[row];
        for (int yy = rows.from; yy < rows.to; yy++) {
            Arrays.fill(accumulator, HALF);
            int kOffset = yy * c.kernelSize;
            for (int y = 0, n = c.count[yy]; y < n; y++) {
                int k = c.weights[kOffset + y];
                int p = (c.first[yy] - offset + y) * row;
                for (int i = 0; i < row; i++) {
                    accumulator[i] += (in[p + i] & 0xFF) * k;
                }
            }
            int o = (yy - rows.from) * row;
            for (int i = 0; i < row; i++) {
                out[o + i] = (byte) clip8(accumulator[i]);
            }
        }
        return new RgbImage(image.width(), rows.size(), out);
    }

    private static RgbImage nearest(RgbImage image, int width, int height, Range columns, Range rows) {
        double stepX = (double) image.width() / width;
        double stepY = (double) image.height() / height;
        int[] sourceX = new int[width];
        double position = stepX * 0.5;
        for (int x = 0; x < width; x++) {
            sourceX[x] = coordinate(position, image.width());
            position += stepX;
        }
        byte[] in = image.data();
        byte[] out = new byte[columns.size() * rows.size() * 3];
        double positionY = stepY * 0.5;
        for (int y = 0; y < rows.to; y++) {
            int sourceY = coordinate(positionY, image.height());
            positionY += stepY;
            if (y < rows.from || sourceY < 0) {
                continue;
            }
            for (int x = columns.from; x < columns.to; x++) {
                if (sourceX[x] >= 0) {
                    System.arraycopy(in, (sourceY * image.width() + sourceX[x]) * 3,
                            out, ((y - rows.from) * columns.size() + x - columns.from) * 3, 3);
                }
            }
        }
        return new RgbImage(columns.size(), rows.size(), out);
    }

    /** Pillow's COORD(v), or -1 when outside the source (Pillow then leaves the pixel black). */
    private static int coordinate(double v, int size) {
        int index = v < 0.0 ? -1 : (int) v;
        return index < size ? index : -1;
    }
}
