package dev.diagonal.image;

import java.awt.image.Raster;

/**
 * Colour conversion of a JPEG's raw decoded components (ImageIO's {@code readRaster}, before any
 * colour conversion) to RGB, bit-exact with what Pillow gets from libjpeg: libjpeg's integer
 * YCbCr-to-RGB tables ({@code jdcolor.c}), its choice of colour space from the JFIF/Adobe markers and
 * component ids, its YCCK-to-CMYK step, then Pillow's Adobe-inverted CMYK ({@code "CMYK;I"}) and its
 * {@code cmyk2rgb} formula. ICC profiles are ignored, as Pillow ignores them.
 */
final class JpegColor {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColor() {}

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    /** Converts the raw 1-, 3- or 4-component raster of a JPEG with the given markers. */
    static RgbImage toRgb(Raster raw, ImageHeader.Jpeg markers) {
        int bands = raw.getNumBands();
        int width = raw.getWidth();
        int height = raw.getHeight();
        byte[] data = new byte[width * height * 3];
        int[] row = new int[width * bands];
        boolean ycc = bands == 3 ? isYCbCr(markers) : bands == 4 && isYcck(markers);
        if (bands != 1 && bands != 3 && bands != 4) {
            throw new IllegalArgumentException("unsupported JPEG with " + bands + " components");
        }
        for (int y = 0; y < height; y++) {
            raw.getPixels(raw.getMinX(), raw.getMinY() + y, width, 1, row);
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                int p = x * bands;
                for (int c = 0; c < 3; c++) {
                    int value;
                    if (bands == 1) {
                        value = row[p];
                    } else if (bands == 3) {
                        value = ycc ? yccToRgb(row[p], row[p + 1], row[p + 2], c) : row[p + c];
                    } else {
                        int inverted = ycc ? clamp(255 - yccToRgb(row[p], row[p + 1], row[p + 2], c)) : row[p + c];
                        value = cmykToRgb(255 - inverted, row[p + 3]);
                    }
                    data[o + c] = (byte) value;
                }
            }
        }
        return new RgbImage(width, height, data);
    }

    /** Channel {@code c} of libjpeg's YCbCr-to-RGB conversion. */
    private static int yccToRgb(int luma, int cb, int cr, int c) {
        return switch (c) {
            case 0 -> clamp(luma + CR_R[cr]);
            case 1 -> clamp(luma + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
            default -> clamp(luma + CB_B[cb]);
        };
    }

    /**
     * libjpeg outputs Adobe-style inverted CMYK (converting YCCK to it first); Pillow un-inverts it
     * ({@code "CMYK;I"}) and applies {@code cmyk2rgb}: R = nk - C * nk / 255 with nk = 255 - K, using
     * its rounding division. Since Pillow's K is 255 minus libjpeg's, nk is libjpeg's K sample.
     */
    private static int cmykToRgb(int pillowC, int libjpegK) {
        return clamp(libjpegK - mulDiv255(pillowC, libjpegK));
    }

    private static int mulDiv255(int a, int b) {
        int tmp = a * b + 128;
        return ((tmp >> 8) + tmp) >> 8;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** libjpeg's guess for three components (jdapimin.c default_decompress_parms). */
    private static boolean isYCbCr(ImageHeader.Jpeg m) {
        if (m.jfif()) {
            return true;
        }
        if (m.adobeTransform() >= 0) {
            return m.adobeTransform() != 0;
        }
        int[] id = m.componentIds();
        return !(id[0] == 'R' && id[1] == 'G' && id[2] == 'B');
    }

    /** libjpeg reads four components as YCCK when an Adobe marker says transform != 0. */
    private static boolean isYcck(ImageHeader.Jpeg m) {
        return m.adobeTransform() > 0;
    }
}
