package dev.diagonal.eval;

import dev.diagonal.Fixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Test data for the eval package: the tiny model folder and small sets of coloured shapes. */
public final class EvalFixtures {

    /** Class folder names of {@link #shapes}: each a colour and a shape. */
    public static final List<String> SHAPES = List.of("blue_square", "green_triangle", "red_circle");

    private EvalFixtures() {}

    /** The tiny HF checkpoint with the real CLIP tokenizer files and a 32-px preprocessor config. */
    public static Path tinyModel(Path dir) {
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), dir);
        copyAll(Path.of("assets/tokenizer/clip"), dir);
        copy(Fixtures.path("e2e/preprocessor_config.json"), dir.resolve("preprocessor_config.json"));
        return dir;
    }

    /** An ImageFolder of {@code perClass} 48-px PNGs per class of {@link #SHAPES}, jittered by {@code seed}. */
    public static Path shapes(Path dir, int perClass, long seed) {
        Random random = new Random(seed);
        for (String label : SHAPES) {
            for (int i = 0; i < perClass; i++) {
                write(draw(label, random), dir.resolve(label).resolve(label + "-" + i + ".png"));
            }
        }
        return dir;
    }

    /** A CSV manifest (image, caption, label) over fresh shape images: the caption names colour and shape. */
    public static Path captionedShapes(Path dir, int perClass, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("image,caption,label"));
        for (String label : SHAPES) {
            for (int i = 0; i < perClass; i++) {
                String name = "img/" + label + "-" + i + ".png";
                write(draw(label, random), dir.resolve(name));
                lines.add(name + ",a " + label.replace('_', ' ') + " number " + i + "," + label);
            }
        }
        try {
            return Files.write(dir.resolve("captions.csv"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage draw(String label, Random random) {
        int size = 48;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int grey = 200 + random.nextInt(56);
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, size, size);
        g.setColor(switch (label.split("_")[0]) {
            case "red" -> new Color(200 + random.nextInt(56), random.nextInt(40), random.nextInt(40));
            case "green" -> new Color(random.nextInt(40), 160 + random.nextInt(96), random.nextInt(40));
            default -> new Color(random.nextInt(40), random.nextInt(40), 200 + random.nextInt(56));
        });
        int extent = 20 + random.nextInt(16);
        int x = random.nextInt(size - extent);
        int y = random.nextInt(size - extent);
        switch (label.split("_")[1]) {
            case "circle" -> g.fillOval(x, y, extent, extent);
            case "square" -> g.fillRect(x, y, extent, extent);
            default -> g.fillPolygon(new int[] {x, x + extent, x + extent / 2}, new int[] {y + extent, y + extent, y}, 3);
        }
        g.dispose();
        return image;
    }

    private static void write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder tree. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyAll(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            files.filter(Files::isRegularFile).forEach(f -> copy(f, to.resolve(f.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
