package dev.diagonal.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Broken image files that look whole to a container check, for the bad-input tests of every package. */
public final class CorruptImages {

    /** The lossy WebP fixture (60×40) that Pillow decodes. */
    public static final Path LOSSY_WEBP = ClipImageProcessorTest.FIXTURES.resolve("images/webp_lossy_60x40.webp");

    private CorruptImages() {}

    /**
     * A lossy WebP cut inside its VP8 data with the RIFF and chunk sizes rewritten to match, so the
     * container is consistent and ImageIO's header read passes; only decoding finds the missing data.
     */
    public static Path truncatedVp8(Path file) {
        try {
            byte[] whole = Files.readAllBytes(LOSSY_WEBP);
            int[] chunk = WebpLossy.findVp8Chunk(whole);
            int keep = chunk[1] / 3;
            byte[] cut = Arrays.copyOf(whole, chunk[0] + keep);
            putU32le(cut, 4, cut.length - 8);
            putU32le(cut, chunk[0] - 4, keep);
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, cut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose IHDR claims {@code width}×{@code height} pixels, followed by no image data. */
    public static Path hugePngHeader(Path file, int width, int height) {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0, 0, 0, 0, 0};
        putU32be(png, 16, width);
        putU32be(png, 20, height);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        putU32be(png, 29, (int) crc.getValue());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putU32le(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void putU32be(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }
}
