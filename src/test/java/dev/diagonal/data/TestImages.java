package dev.diagonal.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small test images (and broken files) with javax.imageio. */
final class TestImages {

    private TestImages() {}

    /** Writes a noisy RGB image in the format given by the file extension (png, jpg, bmp, gif). */
    static Path write(Path file, int size, long seed) {
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
        format = format.equals("jpeg") ? "jpg" : format;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes a small PNG. */
    static Path png(Path file) {
        return write(file, 8, file.getFileName().toString().hashCode());
    }

    /** Writes bytes that are no image at all, under an image file name. */
    static Path garbage(Path file) {
        return bytes(file, "this is not an image, only text".getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a PNG and cuts it to {@code keep} of its length: the header reads, the pixels do not. */
    static Path truncated(Path file, double keep) {
        write(file, 64, 7);
        try {
            byte[] all = Files.readAllBytes(file);
            return bytes(file, Arrays.copyOf(all, (int) (all.length * keep)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes. */
    static Path bytes(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes UTF-8 text. */
    static Path text(Path file, String content) {
        return bytes(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
