package dev.diagonal.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into 8-bit RGB the way Pillow's {@code convert("RGB")} treats
 * the mode Pillow would have opened the same file in. The raw raster samples are used, never
 * {@code getRGB} (which would apply Java's colour management, e.g. the linear-gray to sRGB curve):
 * <ul>
 *   <li>palette images (P, 1-bit, 2/4-bit gray): palette lookup; transparency is ignored;</li>
 *   <li>gray: replicated into R, G and B; alpha (LA) is dropped;</li>
 *   <li>16-bit gray without alpha (Pillow mode I;16): values above 255 clip to 255;</li>
 *   <li>16-bit gray with alpha, 16-bit RGB(A): the high byte (Pillow unpacks these to 8 bits);</li>
 *   <li>RGB(A): alpha is dropped, not composited (transformers 5.x {@code convert_to_rgb} is a plain
 *       {@code convert("RGB")}).</li>
 * </ul>
 */
final class RasterToRgb {

    private RasterToRgb() {}

    /** Converts {@code image}; {@code gray16Clips} selects the I;16 rule for 16-bit gray without alpha. */
    static RgbImage convert(BufferedImage image, boolean gray16Clips) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(image.getRaster(), palette);
        }
        if (model instanceof DirectColorModel direct) {
            return fromPacked(image, direct);
        }
        if (model instanceof ComponentColorModel) {
            return fromComponents(image.getRaster(), model, gray16Clips);
        }
        throw new IllegalArgumentException("unsupported colour model " + model.getClass().getSimpleName());
    }

    /** Palette lookup of the indices in {@code raster}; indices beyond the palette map to black. */
    static RgbImage fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        int width = raster.getWidth();
        int height = raster.getHeight();
        byte[] data = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                int index = row[x];
                if (index < size) {
                    int o = (y * width + x) * 3;
                    data[o] = reds[index];
                    data[o + 1] = greens[index];
                    data[o + 2] = blues[index];
                }
            }
        }
        return new RgbImage(width, height, data);
    }

    private static RgbImage fromPacked(BufferedImage image, DirectColorModel model) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        int[] masks = {model.getRedMask(), model.getGreenMask(), model.getBlueMask()};
        byte[] data = new byte[width * height * 3];
        int[] row = new int[width * raster.getNumBands()];
        int bands = raster.getNumBands();
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    int bits = Integer.bitCount(masks[c]);
                    int v = row[x * bands + c];
                    data[(y * width + x) * 3 + c] = (byte) (bits == 8 ? v : v * 255 / ((1 << bits) - 1));
                }
            }
        }
        return new RgbImage(width, height, data);
    }

    private static RgbImage fromComponents(Raster raster, ColorModel model, boolean gray16Clips) {
        int colors = model.getNumColorComponents();
        if (colors != 1 && colors != 3) {
            throw new IllegalArgumentException("unsupported colour layout with " + colors + " colour components");
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        boolean clip16 = bits == 16 && colors == 1 && !model.hasAlpha() && gray16Clips;
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bands = raster.getNumBands();
        byte[] data = new byte[width * height * 3];
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int v = row[x * bands + (colors == 1 ? 0 : c)];
                    data[o + c] = (byte) to8Bits(v, bits, clip16);
                }
            }
        }
        return new RgbImage(width, height, data);
    }

    private static int to8Bits(int v, int bits, boolean clip16) {
        if (bits == 8) {
            return v;
        }
        if (bits == 16) {
            return clip16 ? Math.min(v, 255) : v >> 8;
        }
        return bits > 8 ? v >> (bits - 8) : v * 255 / ((1 << bits) - 1);
    }
}
