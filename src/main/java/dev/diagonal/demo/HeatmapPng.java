package dev.diagonal.demo;

import dev.diagonal.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws an image × caption similarity matrix as a PNG: the images as thumbnails down the left and along
 * the top (column j is the caption of image j, so a model that matches them lights the diagonal), the
 * captions beside the rows, each cell coloured on a fixed scale and printed, and a colour bar. Before
 * and after heatmaps share one scale so that their colours compare.
 */
public final class HeatmapPng {

    private static final int CELL = 52;
    private static final int THUMB = 40;
    private static final int LABEL_WIDTH = 260;
    private static final int TITLE_HEIGHT = 40;
    private static final int BAR_WIDTH = 90;
    private static final Color[] STOPS = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
            new Color(0x5EC962), new Color(0xFDE725)}; // viridis

    private HeatmapPng() {}

    /**
     * Writes the heatmap.
     *
     * @param thumbnails one image per row (and column)
     * @param captions one caption per row
     * @param matrix rows × columns similarities
     * @param low the value drawn darkest
     * @param high the value drawn brightest
     */
    static void write(Path file, String title, List<BufferedImage> thumbnails, List<String> captions, float[][] matrix,
            double low, double high) {
        write(file, title, thumbnails, captions, matrix, low, high, HeatmapPng::colour, Color.WHITE, "cosine");
    }

    /**
     * Writes the heatmap on any palette (the workbench's export: its Difference view is on a diverging one).
     * Rows may outnumber columns or the reverse; column {@code j} shows thumbnail {@code j} when there is one.
     *
     * @param thumbnails one image per row (null entries: none drawn)
     * @param captions one label per row
     * @param matrix rows × columns values
     * @param palette the colour at 0 (the value {@code low}) … 1 ({@code high})
     * @param ring the diagonal's outline
     * @param scale the colour bar's caption
     */
    public static void write(Path file, String title, List<BufferedImage> thumbnails, List<String> captions, float[][] matrix,
            double low, double high, java.util.function.DoubleFunction<Color> palette, Color ring, String scale) {
        int n = matrix.length;
        int cols = n == 0 ? 0 : matrix[0].length;
        int top = TITLE_HEIGHT + THUMB + 12;
        int left = LABEL_WIDTH + THUMB + 12;
        int width = left + cols * CELL + BAR_WIDTH;
        int height = top + n * CELL + 20;
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 12, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < n; i++) {
                int y = top + i * CELL;
                if (thumbnails.get(i) != null) {
                    g.drawImage(thumbnails.get(i), LABEL_WIDTH + 6, y + (CELL - THUMB) / 2, THUMB, THUMB, null);
                    if (i < cols) {
                        g.drawImage(thumbnails.get(i), left + i * CELL + (CELL - THUMB) / 2, TITLE_HEIGHT + 4, THUMB, THUMB, null);
                    }
                }
                g.setColor(Color.BLACK);
                g.drawString(fit(captions.get(i), metrics, LABEL_WIDTH - 12), 8, y + CELL / 2 + metrics.getAscent() / 2 - 1);
                for (int j = 0; j < cols; j++) {
                    double t = (matrix[i][j] - low) / Math.max(1e-9, high - low);
                    Color colour = palette.apply(t);
                    g.setColor(colour);
                    g.fillRect(left + j * CELL, y, CELL, CELL);
                    g.setColor(brightness(colour) > 140 ? Color.BLACK : Color.WHITE);
                    String text = String.format("%.2f", matrix[i][j]);
                    g.drawString(text, left + j * CELL + (CELL - metrics.stringWidth(text)) / 2, y + CELL / 2 + 4);
                }
            }
            g.setColor(ring);
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < Math.min(n, cols); i++) {
                g.drawRect(left + i * CELL + 1, top + i * CELL + 1, CELL - 2, CELL - 2); // outline the diagonal
            }
            drawBar(g, left + cols * CELL + 20, top, n * CELL, low, high, metrics, palette, scale);
        } finally {
            g.dispose();
        }
        writePng(file, canvas);
    }

    /** Writes an image as a PNG, atomically. */
    static void writePng(Path file, BufferedImage image) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    private static void drawBar(Graphics2D g, int x, int y, int height, double low, double high, FontMetrics metrics,
            java.util.function.DoubleFunction<Color> palette, String scale) {
        for (int i = 0; i < height; i++) {
            g.setColor(palette.apply(1 - (double) i / Math.max(1, height - 1)));
            g.fillRect(x, y + i, 16, 1);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format("%.2f", high), x + 20, y + metrics.getAscent());
        g.drawString(String.format("%.2f", low), x + 20, y + height);
        g.drawString(scale, x, y - 6);
    }

    /** Viridis at {@code t} in [0, 1] (clamped). */
    static Color colour(double t) {
        double clamped = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(clamped));
        double f = clamped - i;
        Color a = STOPS[i];
        Color b = STOPS[i + 1];
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }

    private static double brightness(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
