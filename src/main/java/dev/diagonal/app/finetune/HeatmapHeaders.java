package dev.diagonal.app.finetune;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws the heatmap's axes on canvases: each image's thumbnail and name beside its row, each caption
 * (turned to read upwards) below its column. Where rows or columns are too thin for readable text,
 * only every n-th is named.
 */
final class HeatmapHeaders {

    private static final double MAX_FONT = 11;
    private static final double MIN_FONT = 7;
    private static final double CHAR_WIDTH = 0.58; // of the font size, for cutting names to fit
    private static final Color TEXT = Color.rgb(60, 60, 60);

    private HeatmapHeaders() {}

    /** The rows' header, {@code width} wide: thumbnail (when loaded) and name, one per {@code cell} px. */
    static void drawRows(Canvas canvas, double width, double cell, List<String> names, List<Image> thumbnails) {
        double font = fontSize(cell);
        GraphicsContext g = clearedForText(canvas, width, cell * names.size(), font);
        double thumb = thumbnails.isEmpty() ? 0 : Math.min(cell, 48);
        int every = every(cell, font);
        double textRight = width - thumb - 4;
        for (int row = 0; row < names.size(); row++) {
            Image image = row < thumbnails.size() ? thumbnails.get(row) : null;
            if (image != null && image.getProgress() >= 1 && !image.isError()) {
                double scale = thumb / Math.max(image.getWidth(), image.getHeight());
                double w = image.getWidth() * scale;
                double h = image.getHeight() * scale;
                g.drawImage(image, width - thumb + (thumb - w) / 2, row * cell + (cell - h) / 2, w, h);
            }
            if (row % every == 0) {
                g.fillText(fit(names.get(row), textRight, font), textRight, row * cell + cell / 2);
            }
        }
    }

    /**
     * The columns' header, drawn as {@code height} wide rows of right-aligned names, one per {@code cell}
     * px: the view turns the canvas a quarter left so that they read upwards. Turning the node, not the
     * text, keeps the text on the glyph cache (a software renderer draws every turned glyph as a path).
     */
    static void drawColumns(Canvas canvas, double height, double cell, List<String> names) {
        double font = fontSize(cell);
        GraphicsContext g = clearedForText(canvas, height, cell * names.size(), font);
        int every = every(cell, font);
        for (int col = 0; col < names.size(); col += every) {
            g.fillText(fit(names.get(col), height - 2, font), height - 2, col * cell + cell / 2);
        }
    }

    /** Sizes and clears {@code canvas}, and sets its pen for right-aligned, vertically centred labels. */
    private static GraphicsContext clearedForText(Canvas canvas, double width, double height, double font) {
        canvas.setWidth(width);
        canvas.setHeight(height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        g.setFont(Font.font(font));
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        return g;
    }

    private static double fontSize(double cell) {
        return Math.max(MIN_FONT, Math.min(MAX_FONT, cell * 0.9));
    }

    /** Names every n-th row so that the names do not overlap. */
    private static int every(double cell, double font) {
        return Math.max(1, (int) Math.ceil(font / cell));
    }

    /** {@code name}, cut with an ellipsis to about {@code width} px at {@code font}. */
    static String fit(String name, double width, double font) {
        int chars = Math.max(1, (int) (width / (font * CHAR_WIDTH)));
        return name.length() <= chars ? name : name.substring(0, Math.max(0, chars - 1)) + "…";
    }

    /** The colour bar, {@code width} × {@code height}: one block per band, the highest at the top. */
    static void drawBar(Canvas canvas, double width, double height) {
        drawBar(canvas, width, height, null);
    }

    /** The colour bar of {@code colors} (null: the similarity palette). */
    static void drawBar(Canvas canvas, double width, double height, CellColors colors) {
        canvas.setWidth(width);
        canvas.setHeight(height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double band = height / SimilarityColors.BANDS;
        for (int i = 0; i < SimilarityColors.BANDS; i++) {
            int argb = colors == null ? SimilarityColors.bandColor(i) : colors.barColor(i, SimilarityColors.BANDS);
            g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            g.fillRect(0, height - (i + 1) * band, width, band + 0.5);
        }
        g.setStroke(Color.rgb(150, 150, 150));
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, width - 1, height - 1);
    }
}
