package dev.diagonal.image;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EXIF orientation of an image file and the transposition that undoes it, as Pillow's
 * {@code ImageOps.exif_transpose} does (which Hugging Face's {@code load_image} applies to every image
 * given as a path or URL): tag 0x0112 of the EXIF block's first IFD, or, when that tag is absent,
 * {@code tiff:Orientation} in the XMP packet. Values other than 2..8 leave the image as it is; so does
 * an unreadable EXIF block (where Pillow would raise).
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final Pattern XMP_ORIENTATION = Pattern.compile("tiff:Orientation(=\"|>)([0-9])");

    private ExifOrientation() {}

    /** The orientation (1 = as stored) declared by the file's EXIF or XMP metadata. */
    static int of(ImageHeader header) {
        Integer fromExif = header.exif == null ? null : fromExif(header.exif);
        if (fromExif != null) {
            return fromExif;
        }
        if (header.xmp != null) {
            Matcher m = XMP_ORIENTATION.matcher(new String(header.xmp, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
        }
        return 1;
    }

    /** Tag 0x0112 of IFD0 in a TIFF-structured EXIF block, or null when absent or unreadable. */
    static Integer fromExif(byte[] exif) {
        int base = 0;
        while (ImageHeader.startsWith(exif, base, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))) {
            base += 6;
        }
        try {
            boolean little;
            if (exif[base] == 'I' && exif[base + 1] == 'I' && exif[base + 2] == 42 && exif[base + 3] == 0) {
                little = true;
            } else if (exif[base] == 'M' && exif[base + 1] == 'M' && exif[base + 2] == 0 && exif[base + 3] == 42) {
                little = false;
            } else {
                return null;
            }
            int ifd = base + (int) read(exif, base + 4, 4, little);
            int entries = (int) read(exif, ifd, 2, little);
            for (int e = 0; e < entries; e++) {
                int entry = ifd + 2 + 12 * e;
                if (read(exif, entry, 2, little) != ORIENTATION_TAG) {
                    continue;
                }
                int type = (int) read(exif, entry + 2, 2, little);
                long count = read(exif, entry + 4, 4, little);
                if (count != 1) {
                    return 0;
                }
                return switch (type) {
                    case 1, 6 -> (int) read(exif, entry + 8, 1, little);
                    case 3, 8 -> (int) read(exif, entry + 8, 2, little);
                    case 4, 9 -> (int) read(exif, entry + 8, 4, little);
                    default -> 0;
                };
            }
            return null;
        } catch (IndexOutOfBoundsException truncated) {
            return null;
        }
    }

    private static long read(byte[] b, int offset, int size, boolean little) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int shift = little ? 8 * i : 8 * (size - 1 - i);
            value |= (long) (b[offset + i] & 0xFF) << shift;
        }
        return value;
    }

    /** Returns the image turned upright for an EXIF orientation (Pillow's transpose for 2..8). */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int outWidth = swap ? h : w;
        int outHeight = swap ? w : h;
        byte[] in = image.data();
        byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }             // FLIP_LEFT_RIGHT
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }     // ROTATE_180
                    case 4 -> { sx = x; sy = h - 1 - y; }             // FLIP_TOP_BOTTOM
                    case 5 -> { sx = y; sy = x; }                     // TRANSPOSE
                    case 6 -> { sx = y; sy = h - 1 - x; }             // ROTATE_270
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }     // TRANSVERSE
                    default -> { sx = w - 1 - y; sy = x; }            // 8: ROTATE_90
                }
                int s = (sy * w + sx) * 3;
                out[o++] = in[s];
                out[o++] = in[s + 1];
                out[o++] = in[s + 2];
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }
}
