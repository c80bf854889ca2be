package dev.diagonal.image;

import dev.diagonal.DiagonalException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training-image augmentations that keep an image's meaning, so they never touch its colours (colour
 * is part of many names: "red apple", "green heart") and never mirror it ("left arrow"):
 * <ul>
 *   <li>{@code crop}: a random crop of 65–100 % of the area, aspect 3:4 to 4:3, scaled back to full size;</li>
 *   <li>{@code affine}: rotation within ±12°, scale 0.9–1.1 and a shift of up to 6 % of the size;</li>
 *   <li>{@code background}: with probability 0.6, transparent pixels are composited over a random solid
 *       colour; otherwise they keep the colour stored under them, as {@code convert("RGB")} shows them.</li>
 * </ul>
 * The output has the input's size and is sampled bilinearly; points that fall outside the image take the
 * background colour when one was drawn, else the nearest edge pixel. All randomness comes from the
 * caller's generator, so a seeded run is reproducible.
 */
public final class Augmentation {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(false, false, false);

    private static final double MIN_AREA = 0.65;
    private static final double MAX_ROTATION_DEGREES = 12;
    private static final double MAX_SCALE_CHANGE = 0.1;
    private static final double MAX_SHIFT = 0.06;
    private static final double BACKGROUND_PROBABILITY = 0.6;

    private final boolean crop;
    private final boolean affine;
    private final boolean background;

    private Augmentation(boolean crop, boolean affine, boolean background) {
        this.crop = crop;
        this.affine = affine;
        this.background = background;
    }

    /**
     * Reads {@code none} or a comma list of {@code crop}, {@code affine}, {@code background}.
     *
     * @throws DiagonalException naming an unknown part; its message follows the setting's name
     *     ("… has an unknown augmentation …")
     */
    public static Augmentation parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty() || text.equals("none")) {
            return NONE;
        }
        boolean crop = false;
        boolean affine = false;
        boolean background = false;
        for (String part : text.split(",")) {
            switch (part.strip()) {
                case "crop" -> crop = true;
                case "affine" -> affine = true;
                case "background" -> background = true;
                default -> throw new DiagonalException("has an unknown augmentation \"" + part.strip()
                        + "\" (use none, or a comma list of crop, affine, background)");
            }
        }
        return new Augmentation(crop, affine, background);
    }

    /** Whether this changes nothing. */
    public boolean isNone() {
        return !crop && !affine && !background;
    }

    /** The canonical spec, e.g. {@code crop,affine,background} or {@code none}. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        if (crop) {
            parts.add("crop");
        }
        if (affine) {
            parts.add("affine");
        }
        if (background) {
            parts.add("background");
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Augmentation that && crop == that.crop && affine == that.affine
                && background == that.background;
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    /** The canonical spec ({@link #spec()}), as {@link #parse} reads it back. */
    @Override
    public String toString() {
        return spec();
    }

    /**
     * An augmented copy of {@code image}.
     *
     * @param alpha the image's alpha per pixel (row-major, 0–255), or null when it is opaque
     * @param random the source of every random choice
     */
    public RgbImage apply(RgbImage image, byte[] alpha, SplittableRandom random) {
        int w = image.width();
        int h = image.height();
        int[] fill = background && alpha != null && random.nextDouble() < BACKGROUND_PROBABILITY
                ? new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)} : null;
        float[] source = composite(image, alpha, fill);
        // the inverse map from an output pixel centre to source coordinates: p = centre + M · (q - c)
        double cropW = 1;
        double cropH = 1;
        double centreX = w / 2.0;
        double centreY = h / 2.0;
        if (crop) {
            double area = MIN_AREA + (1 - MIN_AREA) * random.nextDouble();
            double ratio = Math.exp(Math.log(0.75) + (Math.log(4 / 3.0) - Math.log(0.75)) * random.nextDouble());
            cropW = Math.min(1, Math.sqrt(area * ratio));
            cropH = Math.min(1, Math.sqrt(area / ratio));
            centreX = w * (cropW / 2 + (1 - cropW) * random.nextDouble());
            centreY = h * (cropH / 2 + (1 - cropH) * random.nextDouble());
        }
        double angle = 0;
        double scale = 1;
        if (affine) {
            angle = Math.toRadians(MAX_ROTATION_DEGREES * (2 * random.nextDouble() - 1));
            scale = 1 + MAX_SCALE_CHANGE * (2 * random.nextDouble() - 1);
            centreX += w * MAX_SHIFT * (2 * random.nextDouble() - 1);
            centreY += h * MAX_SHIFT * (2 * random.nextDouble() - 1);
        }
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        byte[] out = new byte[w * h * 3];
        float[] pixel = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - w / 2.0) * cropW;
                double dy = (y + 0.5 - h / 2.0) * cropH;
                double sx = centreX + cos * dx - sin * dy - 0.5;
                double sy = centreY + sin * dx + cos * dy - 0.5;
                sample(source, w, h, sx, sy, fill, pixel);
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) Math.max(0, Math.min(255, Math.round(pixel[c])));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** The image as floats, with transparent pixels blended over {@code fill} when it is given. */
    private static float[] composite(RgbImage image, byte[] alpha, int[] fill) {
        byte[] data = image.data();
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            float value = data[i] & 0xFF;
            if (fill != null) {
                float a = (alpha[i / 3] & 0xFF) / 255f;
                value = value * a + fill[i % 3] * (1 - a);
            }
            out[i] = value;
        }
        return out;
    }

    /** Bilinear sample at (x, y); outside the image: {@code fill}, or the nearest edge when it is null. */
    private static void sample(float[] source, int w, int h, double x, double y, int[] fill, float[] pixel) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        for (int c = 0; c < 3; c++) {
            double top = value(source, w, h, x0, y0, c, fill) * (1 - fx) + value(source, w, h, x0 + 1, y0, c, fill) * fx;
            double bottom = value(source, w, h, x0, y0 + 1, c, fill) * (1 - fx) + value(source, w, h, x0 + 1, y0 + 1, c, fill) * fx;
            pixel[c] = (float) (top * (1 - fy) + bottom * fy);
        }
    }

    private static float value(float[] source, int w, int h, int x, int y, int c, int[] fill) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            if (fill != null) {
                return fill[c];
            }
            x = Math.max(0, Math.min(w - 1, x));
            y = Math.max(0, Math.min(h - 1, y));
        }
        return source[(y * w + x) * 3 + c];
    }
}
