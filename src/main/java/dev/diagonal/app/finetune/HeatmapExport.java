package dev.diagonal.app.finetune;

import dev.diagonal.demo.HeatmapPng;
import dev.diagonal.io.AtomicFiles;
import dev.diagonal.project.SimilaritySnapshot;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes the heatmap as shown (its order, its values: cosines, or after − before) to a CSV of the matrix
 * or to a PNG drawn as the demo report draws its heatmaps; both atomically. Runs off the UI thread.
 */
final class HeatmapExport {

    private HeatmapExport() {}

    /** The matrix as CSV: a header of caption labels, then one line per image, its label first. */
    static String csv(HeatmapFrame frame) {
        SimilaritySnapshot s = frame.cells();
        StringBuilder out = new StringBuilder(quote("image \\ caption"));
        for (String column : ProbeLabels.columns(s)) {
            out.append(',').append(quote(column));
        }
        out.append('\n');
        float[][] m = s.matrix();
        for (int r = 0; r < m.length; r++) {
            out.append(quote(s.rowLabels().get(r)));
            for (float v : m[r]) {
                out.append(',').append(Float.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #csv} to {@code file}, atomically. */
    static void writeCsv(HeatmapFrame frame, Path file) {
        AtomicFiles.writeString(file, csv(frame));
    }

    /** Writes the PNG: thumbnails of the probe images (where they can be read), the cells on the frame's scale. */
    static void writePng(HeatmapFrame frame, Path file) {
        SimilaritySnapshot s = frame.cells();
        List<String> columns = ProbeLabels.columns(s);
        List<BufferedImage> thumbnails = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < s.rowLabels().size(); r++) {
            thumbnails.add(s.imagePaths() == null ? null : read(Path.of(s.imagePaths().get(r))));
            labels.add(r < columns.size() ? columns.get(r) : s.rowLabels().get(r));
        }
        CellColors colors = frame.colors();
        java.util.function.DoubleFunction<Color> palette = colors instanceof DifferenceColors
                ? t -> new Color(DifferenceColors.palette(t)) : t -> new Color(SimilarityColors.palette(t));
        HeatmapPng.write(file, frame.title(), thumbnails, labels, s.matrix(), colors.min(), colors.max(), palette,
                new Color(frame.ring()), frame.scale());
    }

    /** The image over white, or null when it cannot be read (the PNG then leaves its thumbnail out). */
    private static BufferedImage read(Path image) {
        try {
            BufferedImage source = ImageIO.read(image.toFile());
            if (source == null) {
                return null;
            }
            BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
            var g = out.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, 0, 0, null);
            g.dispose();
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
