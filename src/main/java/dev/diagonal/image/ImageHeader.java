package dev.diagonal.image;

import java.nio.charset.StandardCharsets;

/**
 * Facts read straight from an image file's bytes: its format (from the signature, as Pillow does,
 * not from the file name) and the container metadata the decoders below ImageIO do not expose the way
 * Pillow uses them (EXIF and XMP blocks, JPEG colour-space markers, the PNG colour type, the GIF
 * canvas).
 */
final class ImageHeader {

    enum Format { PNG, JPEG, GIF, BMP, WEBP, OTHER }

    /** JPEG markers that decide how libjpeg interprets the components. */
    record Jpeg(int[] componentIds, boolean jfif, int adobeTransform) {}

    /** The first GIF frame's placement on the logical screen and its transparent index (-1: none). */
    record GifFrame(int screenWidth, int screenHeight, int left, int top, int transparentIndex) {}

    final Format format;
    byte[] exif;
    byte[] xmp;
    Jpeg jpeg;
    GifFrame gifFrame;
    int pngColorType = -1;
    /** The container declares more bytes than the file has (checked for WebP, as libwebp's demuxer does). */
    boolean truncated;

    private ImageHeader(Format format) {
        this.format = format;
    }

    static ImageHeader parse(byte[] b) {
        ImageHeader header = new ImageHeader(sniff(b));
        try {
            switch (header.format) {
                case JPEG -> header.scanJpeg(b);
                case PNG -> header.scanPng(b);
                case WEBP -> header.scanWebp(b);
                case GIF -> header.scanGif(b);
                default -> { }
            }
        } catch (IndexOutOfBoundsException truncatedMetadata) {
            // keep what was found; the decoder reports a broken file
        }
        return header;
    }

    static Format sniff(byte[] b) {
        if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return Format.PNG;
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Format.JPEG;
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return Format.GIF;
        }
        if (startsWith(b, 0, ascii("BM"))) {
            return Format.BMP;
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return Format.WEBP;
        }
        return Format.OTHER;
    }

    /** Walks the JPEG markers up to the first scan, as libjpeg's jpeg_read_header and Pillow do. */
    private void scanJpeg(byte[] b) {
        boolean sawJfif = false;
        int adobeTransform = -1;
        int[] componentIds = null;
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF || marker == 0x00 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }
            int length = u16be(b, i + 2);
            if (marker == 0xDA || marker == 0xD9 || length < 2) {
                break;
            }
            int start = i + 4;
            int end = Math.min(i + 2 + length, b.length);
            int dataLength = end - start;
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && componentIds == null && dataLength >= 6) {
                componentIds = new int[b[start + 5] & 0xFF];
                for (int c = 0; c < componentIds.length && start + 6 + 3 * c < end; c++) {
                    componentIds[c] = b[start + 6 + 3 * c] & 0xFF;
                }
            } else if (marker == 0xE0 && dataLength >= 14 && startsWith(b, start, ascii("JFIF\0"))) {
                sawJfif = true;
            } else if (marker == 0xEE && dataLength >= 12 && startsWith(b, start, ascii("Adobe"))) {
                adobeTransform = b[start + 11] & 0xFF;
            } else if (marker == 0xE1 && startsWith(b, start, ascii("Exif\0\0"))) {
                exif = exif == null ? slice(b, start, end) : concat(exif, slice(b, start + 6, end));
            } else if (marker == 0xE1 && startsWith(b, start, XMP_JPEG_PREFIX)) {
                xmp = slice(b, start + XMP_JPEG_PREFIX.length, end);
            }
            i = end;
        }
        if (componentIds != null) {
            jpeg = new Jpeg(componentIds, sawJfif, adobeTransform);
        }
    }

    private static final byte[] XMP_JPEG_PREFIX = ascii("http://ns.adobe.com/xap/1.0/\0");

    private void scanPng(byte[] b) {
        pngColorType = b[25] & 0xFF;
        byte[] rawProfile = null;
        int i = 8;
        while (i + 12 <= b.length) {
            int length = (int) Math.min(u32be(b, i), b.length);
            String type = new String(b, i + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IEND")) {
                break;
            }
            int start = i + 8;
            int end = Math.min(start + length, b.length);
            switch (type) {
                case "eXIf" -> exif = slice(b, start, end);
                case "tEXt", "zTXt", "iTXt" -> {
                    PngText text = PngText.parse(type, b, start, end);
                    if (text != null && text.keyword().equals("exif")) {
                        exif = text.value();
                    } else if (text != null && text.keyword().equals("Raw profile type exif")) {
                        rawProfile = text.value();
                    } else if (text != null && text.keyword().equals("XML:com.adobe.xmp")) {
                        xmp = text.value();
                    }
                }
                default -> { }
            }
            i = start + length + 4;
        }
        if (exif == null && rawProfile != null) {
            exif = PngText.rawProfileBytes(rawProfile);
        }
    }

    private void scanWebp(byte[] b) {
        truncated = u32le(b, 4) + 8 > b.length;
        int i = 12;
        while (i + 8 <= b.length) {
            String type = new String(b, i, 4, StandardCharsets.ISO_8859_1);
            int length = (int) Math.min(u32le(b, i + 4), b.length);
            int start = i + 8;
            int end = Math.min(start + length, b.length);
            if (type.equals("EXIF")) {
                exif = slice(b, start, end);
            } else if (type.equals("XMP ")) {
                xmp = slice(b, start, end);
            }
            i = start + length + (length & 1);
        }
    }

    private void scanGif(byte[] b) {
        int screenWidth = u16le(b, 6);
        int screenHeight = u16le(b, 8);
        int flags = b[10] & 0xFF;
        int i = 13 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
        int transparent = -1;
        while (i < b.length) {
            int block = b[i] & 0xFF;
            if (block == 0x2C) {
                gifFrame = new GifFrame(screenWidth, screenHeight, u16le(b, i + 1), u16le(b, i + 3), transparent);
                return;
            }
            if (block != 0x21) {
                return;
            }
            int label = b[i + 1] & 0xFF;
            if (label == 0xF9 && (b[i + 2] & 0xFF) >= 4) { // graphic control: size, flags, delay, index
                transparent = (b[i + 3] & 1) != 0 ? b[i + 6] & 0xFF : -1;
            }
            i += 2;
            while ((b[i] & 0xFF) != 0) {
                i += (b[i] & 0xFF) + 1;
            }
            i++;
        }
    }

    static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (offset < 0 || b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] slice(byte[] b, int start, int end) {
        return java.util.Arrays.copyOfRange(b, start, Math.max(start, end));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32be(byte[] b, int i) {
        return ((long) u16be(b, i) << 16) | u16be(b, i + 2);
    }

    private static long u32le(byte[] b, int i) {
        return u16le(b, i) | ((long) u16le(b, i + 2) << 16);
    }
}
