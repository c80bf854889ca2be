package dev.diagonal.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG text chunk (tEXt, zTXt or iTXt) as Pillow stores it in {@code info}: the keyword and the
 * value, decompressed when the chunk is compressed. Used to find EXIF ("exif", "Raw profile type
 * exif") and XMP ("XML:com.adobe.xmp") data.
 */
record PngText(String keyword, byte[] value) {

    /** Parses the chunk data in {@code b[start, end)}, or returns null when it has no keyword. */
    static PngText parse(String type, byte[] b, int start, int end) {
        int zero = start;
        while (zero < end && b[zero] != 0) {
            zero++;
        }
        if (zero >= end) {
            return null;
        }
        String keyword = new String(b, start, zero - start, StandardCharsets.ISO_8859_1);
        int p = zero + 1;
        if (type.equals("tEXt")) {
            return new PngText(keyword, ImageHeader.slice(b, p, end));
        }
        if (type.equals("zTXt")) {
            return new PngText(keyword, inflate(b, p + 1, end));
        }
        boolean compressed = b[p] != 0;
        p += 2;
        for (int skip = 0; skip < 2; skip++) { // language tag, translated keyword
            while (p < end && b[p] != 0) {
                p++;
            }
            p++;
        }
        return new PngText(keyword, compressed ? inflate(b, p, end) : ImageHeader.slice(b, p, end));
    }

    /** ImageMagick's hex-encoded "Raw profile type exif" text: lines from the fourth on, as Pillow reads it. */
    static byte[] rawProfileBytes(byte[] profile) {
        String[] lines = new String(profile, StandardCharsets.ISO_8859_1).split("\n", -1);
        StringBuilder hex = new StringBuilder();
        for (int i = 3; i < lines.length; i++) {
            hex.append(lines[i].replaceAll("\\s", ""));
        }
        if (hex.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static byte[] inflate(byte[] b, int start, int end) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, start, Math.max(end - start, 0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }
}
