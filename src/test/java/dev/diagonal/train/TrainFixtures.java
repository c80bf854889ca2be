package dev.diagonal.train;

import dev.diagonal.Fixtures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Test material for training: a tiny model folder with the real CLIP tokenizer, and a synthetic image set. */
public final class TrainFixtures {

    /** The eight classes of the synthetic set: a colour and a shape each. */
    public static final List<String> CLASSES = List.of("red_circle", "green_square", "blue_triangle", "yellow_cross",
            "purple_circle", "orange_square", "cyan_triangle", "black_cross");

    private TrainFixtures() {}

    /**
     * A model folder: the tiny CLIP checkpoint of the model fixtures (32-pixel images, full CLIP
     * vocabulary) with the tokenizer files of {@code assets/tokenizer/clip}.
     */
    public static Path tinyModel(Path dir) {
        try {
            Files.createDirectories(dir);
            Path checkpoint = Fixtures.path("clip/tiny-quickgelu-f16");
            Files.copy(checkpoint.resolve("config.json"), dir.resolve("config.json"));
            Files.copy(checkpoint.resolve("model.safetensors"), dir.resolve("model.safetensors"));
            try (Stream<Path> files = Files.list(Path.of("assets/tokenizer/clip"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ImageFolder of {@link #CLASSES}, {@code perClass} 40-pixel PNGs each: the class's shape in its
     * colour on a light, noisy background, with seeded jitter in place and size.
     */
    public static Path shapes(Path dir, int perClass, long seed) {
        return shapes(dir, CLASSES, perClass, seed);
    }

    /** As {@link #shapes(Path, int, long)}, of some of the {@link #CLASSES} only. */
    public static Path shapes(Path dir, List<String> classes, int perClass, long seed) {
        Random random = new Random(seed);
        try {
            for (String label : classes) {
                Path folder = Files.createDirectories(dir.resolve(label));
                for (int i = 0; i < perClass; i++) {
                    ImageIO.write(draw(label, random), "png", folder.resolve(label + "-" + i + ".png").toFile());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage draw(String label, Random random) {
        int size = 40;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = 215 + random.nextInt(40);
                image.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(colour(label.substring(0, label.indexOf('_'))));
        int extent = 20 + random.nextInt(10);
        int x = 2 + random.nextInt(size - extent - 3);
        int y = 2 + random.nextInt(size - extent - 3);
        switch (label.substring(label.indexOf('_') + 1)) {
            case "circle" -> g.fillOval(x, y, extent, extent);
            case "square" -> g.fillRect(x, y, extent, extent);
            case "triangle" -> g.fillPolygon(new Polygon(new int[] {x, x + extent, x + extent / 2},
                    new int[] {y + extent, y + extent, y}, 3));
            default -> {
                g.setStroke(new BasicStroke(6));
                g.drawLine(x, y, x + extent, y + extent);
                g.drawLine(x + extent, y, x, y + extent);
            }
        }
        g.dispose();
        return image;
    }

    private static Color colour(String name) {
        return switch (name) {
            case "red" -> new Color(220, 30, 30);
            case "green" -> new Color(30, 170, 40);
            case "blue" -> new Color(30, 60, 220);
            case "yellow" -> new Color(240, 210, 20);
            case "purple" -> new Color(140, 40, 170);
            case "orange" -> new Color(250, 130, 20);
            case "cyan" -> new Color(20, 200, 210);
            default -> new Color(20, 20, 20);
        };
    }
}
