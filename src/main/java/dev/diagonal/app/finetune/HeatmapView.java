package dev.diagonal.app.finetune;

import dev.diagonal.app.common.CoalescedRedraw;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * The similarity heatmap drawn cheaply: one pixel per cell in a small image scaled up without smoothing,
 * so a new snapshot costs a {@code setPixels} of rows × cols ints and three label texts. What stays the
 * same for a probe batch (thumbnails and names of the images down the left, captions along the bottom,
 * the colour bar) is drawn once per batch and again only when the size changes; thumbnails arriving
 * in the background redraw only the row header, once per burst. One tooltip follows the pointer and
 * names the cell under it.
 */
final class HeatmapView extends Region {

    private static final double ROW_HEADER = 150;
    private static final double COL_HEADER = 110;
    private static final double BAR = 12;
    private static final double BAR_LABELS = 52;
    private static final double GAP = 6;
    /** The diagonal's ring: a red off the viridis palette, seen on its dark and its bright end alike. */
    static final int DIAGONAL = 0xFFFF3B5C;

    private final Label title = new Label();
    private final ImageView cells = new ImageView();
    private final Canvas rowHeader = new Canvas();
    private final Canvas colHeader = new Canvas();
    private final Canvas bar = new Canvas();
    private final Label maxLabel = new Label();
    private final Label minLabel = new Label();
    private final Label scaleTitle = new Label("cosine");
    private final Tooltip tip = new Tooltip();
    private List<String> rowLabels = List.of();
    private List<String> colLabels = List.of();
    private volatile List<String> imagePaths; // read by the thumbnail workers to drop a replaced batch
    private final ThumbnailLoader loader;
    private final List<Image> thumbnails = new ArrayList<>();
    private CellTips tips;
    private HeatmapFrame frame;
    private Class<?> barPalette = SimilarityColors.class;
    private int ring = DIAGONAL;
    private java.util.function.IntConsumer onRow = row -> { };
    private java.util.function.IntConsumer onColumn = col -> { };
    private int[] cellColors = new int[0];
    private int[] pixels = new int[0];
    private double cell;
    private int hoverRow = -1;
    private int hoverCol = -1;
    private final CoalescedRedraw rowsRedraw = new CoalescedRedraw(Platform::runLater, () -> {
        if (cell > 0) {
            HeatmapHeaders.drawRows(rowHeader, ROW_HEADER, cell, rowLabels, thumbnails);
        }
    });

    /** @param loader decodes the probe images down the rows (ImageIO's formats, WebP included); null: none */
    HeatmapView(ThumbnailLoader loader) {
        this.loader = loader;
        getStyleClass().add("heatmap");
        title.getStyleClass().add("heatmap-title");
        cells.setSmooth(false);
        colHeader.setRotate(-90);
        minLabel.getStyleClass().add("hint");
        maxLabel.getStyleClass().add("hint");
        scaleTitle.getStyleClass().add("hint");
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(cells, tip);
        cells.setOnMouseMoved(event -> hover(event.getX(), event.getY()));
        cells.setOnMouseExited(event -> hoverRow = -1);
        // a click picks the image of its row (with Shift, the caption of its column); a header click picks its row or column
        cells.setOnMouseClicked(event -> pick(event.isShiftDown() ? -1 : event.getY(), event.isShiftDown() ? event.getX() : -1));
        rowHeader.setOnMouseClicked(event -> pick(event.getY(), -1));
        colHeader.setOnMouseClicked(event -> pick(-1, event.getY())); // unturned, the header has one row per column
        getChildren().addAll(title, rowHeader, colHeader, cells, bar, maxLabel, minLabel, scaleTitle);
    }

    /**
     * Draws a made-up probe batch once, off screen. Otherwise the first heatmap of a session pays for
     * loading and compiling the drawing code and for its glyphs in the very frame where a run's first
     * evaluation arrives (measured off screen with the software renderer: 99 ms of UI work and 156 ms of
     * rendering for a first heatmap, 41-56 ms and 49-85 ms after this warm-up).
     */
    static void warmUp() {
        List<String> names = IntStream.range(0, 10).mapToObj(i -> "warm-up " + i).toList();
        float[][] matrix = new float[names.size()][names.size()];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i][i] = 1;
        }
        HeatmapView view = new HeatmapView(null);
        Scene scene = new Scene(new StackPane(view), 420, 500);
        view.show(new SimilaritySnapshot(0, names, names, matrix, null));
        scene.snapshot(null);
    }

    /** Shows {@code snapshot} on its own colour scale, softmax at CLIP's logit scale (warm-up, tests). */
    void show(SimilaritySnapshot snapshot) {
        show(snapshot, new SimilarityColors(snapshot), Double.NaN);
    }

    /**
     * Shows {@code snapshot} on {@code colors} (the run's scale), the tooltips' softmax at {@code logitScale}
     * (NaN: unknown). Redraws the headers only when its probe batch differs from the last one's.
     */
    void show(SimilaritySnapshot snapshot, SimilarityColors colors, double logitScale) {
        show(new HeatmapFrame(snapshot, colors, new SimilarityTips(snapshot, logitScale),
                "probe batch at step " + snapshot.step() + ": images × captions", "cosine", false, DIAGONAL,
                IntStream.range(0, snapshot.rowLabels().size()).toArray(), IntStream.range(0, snapshot.colLabels().size()).toArray()));
    }

    /** Shows {@code frame}: its cells on its scale, its title, bar and ring. */
    void show(HeatmapFrame frame) {
        this.frame = frame;
        SimilaritySnapshot snapshot = frame.cells();
        CellColors colors = frame.colors();
        List<String> columns = ProbeLabels.columns(snapshot);
        if (!snapshot.rowLabels().equals(rowLabels) || !columns.equals(colLabels)
                || !Objects.equals(snapshot.imagePaths(), imagePaths)) {
            rowLabels = snapshot.rowLabels();
            colLabels = columns;
            imagePaths = snapshot.imagePaths();
            loadThumbnails();
            cell = 0; // headers are redrawn at the next layout
            requestLayout();
        }
        cellColors = colors.pixels(snapshot);
        ring = frame.ring();
        paint();
        if (colors.getClass() != barPalette) {
            barPalette = colors.getClass();
            if (cell > 0) {
                HeatmapHeaders.drawBar(bar, BAR, rowHeader.getHeight(), colors);
            }
        }
        title.setText(frame.title());
        scaleTitle.setText(frame.scale());
        String format = frame.signed() ? "%+.3f" : "%.3f";
        maxLabel.setText(String.format(java.util.Locale.ROOT, format, colors.max()));
        minLabel.setText(String.format(java.util.Locale.ROOT, format, colors.min()));
        tips = frame.tips();
        if (hoverRow >= 0) {
            tip.setText(tips.text(hoverRow, hoverCol));
        }
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        double titleHeight = title.prefHeight(width);
        title.resizeRelocate(x0, y0, width, titleHeight);
        int rows = rowLabels.size();
        int cols = colLabels.size();
        double matrixTop = y0 + titleHeight + GAP;
        double fit = Math.min((width - ROW_HEADER - GAP - BAR - BAR_LABELS - 2 * GAP) / Math.max(1, cols),
                (height - titleHeight - GAP - COL_HEADER) / Math.max(1, rows));
        double size = Math.max(1, Math.floor(fit)); // whole pixels per cell: sharp without scaling
        double matrixLeft = x0 + ROW_HEADER + GAP;
        double matrixWidth = size * cols;
        double matrixHeight = size * rows;
        cells.relocate(matrixLeft, matrixTop);
        rowHeader.relocate(x0, matrixTop);
        // the column header is drawn unturned (COL_HEADER wide, one row per column) and turned a quarter
        // left about its centre; placed so that its turned box starts below the matrix's left corner
        double colRows = size * cols;
        colHeader.relocate(matrixLeft + (colRows - COL_HEADER) / 2,
                matrixTop + matrixHeight + 2 + (COL_HEADER - colRows) / 2);
        if (size != cell || rowHeader.getHeight() != matrixHeight) {
            cell = size;
            paint();
            HeatmapHeaders.drawRows(rowHeader, ROW_HEADER, size, rowLabels, thumbnails);
            HeatmapHeaders.drawColumns(colHeader, COL_HEADER, size, colLabels);
            HeatmapHeaders.drawBar(bar, BAR, matrixHeight, frame == null ? null : frame.colors());
        }
        double barLeft = matrixLeft + matrixWidth + 2 * GAP;
        bar.relocate(barLeft, matrixTop);
        double labelHeight = maxLabel.prefHeight(-1);
        maxLabel.resizeRelocate(barLeft + BAR + 4, matrixTop, BAR_LABELS, labelHeight);
        minLabel.resizeRelocate(barLeft + BAR + 4, matrixTop + matrixHeight - labelHeight, BAR_LABELS, labelHeight);
        // "after − before" is wider than the bar and its numbers: the caption may reach past them
        scaleTitle.resizeRelocate(barLeft, matrixTop + matrixHeight + 2, Math.max(BAR + BAR_LABELS, scaleTitle.prefWidth(-1)),
                labelHeight);
        bar.setVisible(rows > 0);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 480;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 420;
    }

    /**
     * Writes the cells into the image at {@code cell} px each (the image is made anew only when its size
     * changes): about 0.1 MB of ints for 32 × 32 cells of 11 px, well under a millisecond.
     */
    private void paint() {
        int rows = rowLabels.size();
        int cols = colLabels.size();
        int size = (int) cell;
        if (size <= 0 || rows == 0 || cols == 0 || cellColors.length != rows * cols) {
            return;
        }
        int width = cols * size;
        int height = rows * size;
        WritableImage image = cells.getImage() instanceof WritableImage w && (int) w.getWidth() == width
                && (int) w.getHeight() == height ? w : new WritableImage(width, height);
        if (pixels.length != width * height) {
            pixels = new int[width * height];
        }
        for (int r = 0; r < rows; r++) {
            int line = r * size * width;
            for (int c = 0; c < cols; c++) {
                java.util.Arrays.fill(pixels, line + c * size, line + (c + 1) * size, cellColors[r * cols + c]);
            }
            for (int y = 1; y < size; y++) {
                System.arraycopy(pixels, line, pixels, line + y * width, width);
            }
        }
        outlineDiagonal(Math.min(rows, cols), size, width);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), pixels, 0, width);
        if (cells.getImage() != image) {
            cells.setImage(image);
        }
    }

    /**
     * Rings the true pairs' cells with a 1 px line in a colour the palette never takes, so the diagonal
     * reads at any value; cells under 4 px stay unringed (the ring would be all there is of them).
     */
    private void outlineDiagonal(int pairs, int size, int width) {
        if (size < 4) {
            return;
        }
        for (int i = 0; i < pairs; i++) {
            int top = i * size * width + i * size;
            int bottom = top + (size - 1) * width;
            java.util.Arrays.fill(pixels, top, top + size, ring);
            java.util.Arrays.fill(pixels, bottom, bottom + size, ring);
            for (int y = 1; y < size - 1; y++) {
                pixels[top + y * width] = ring;
                pixels[top + y * width + size - 1] = ring;
            }
        }
    }

    /** The ARGB colour at pixel {@code x, y} of the drawn cells (0 before the first draw). */
    int pixel(int x, int y) {
        return cells.getImage() == null ? 0 : cells.getImage().getPixelReader().getArgb(x, y);
    }

    /** The images' names down the rows, in the order shown (tests). */
    List<String> rowNames() {
        return rowLabels;
    }

    /** The tooltip's current text. */
    String tipText() {
        return tip.getText();
    }

    /** Calls {@code row} with the probe row of a clicked image, {@code column} with the probe column of a clicked caption. */
    void setOnPick(java.util.function.IntConsumer row, java.util.function.IntConsumer column) {
        onRow = row;
        onColumn = column;
    }

    /** Reports the row at {@code y} or (when {@code y} is negative) the column at {@code x}, in probe order. */
    private void pick(double y, double x) {
        if (frame == null || cell <= 0) {
            return;
        }
        if (y >= 0 && y < cell * frame.rows().length) {
            onRow.accept(frame.rows()[(int) (y / cell)]);
        } else if (y < 0 && x >= 0 && x < cell * frame.cols().length) {
            onColumn.accept(frame.cols()[(int) (x / cell)]);
        }
    }

    private void hover(double x, double y) {
        if (tips == null || cell <= 0) {
            return;
        }
        int col = Math.min(colLabels.size() - 1, Math.max(0, (int) (x / cell)));
        int row = Math.min(rowLabels.size() - 1, Math.max(0, (int) (y / cell)));
        if (row != hoverRow || col != hoverCol) {
            hoverRow = row;
            hoverCol = col;
            tip.setText(tips.text(row, col));
        }
    }

    /** Starts decoding the batch's thumbnails in the background; those that arrive redraw the rows, once per burst. */
    private void loadThumbnails() {
        thumbnails.clear();
        List<String> batch = imagePaths;
        if (batch == null || loader == null) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            thumbnails.add(null);
            int row = i;
            loader.request(Path.of(batch.get(i)), () -> imagePaths == batch, image -> {
                if (image != null && imagePaths == batch) {
                    thumbnails.set(row, image);
                    // only the row header shows thumbnails: with a software renderer, a relayout repainting
                    // cells, captions and colour bar for each arriving thumbnail cost 30-50 ms a frame
                    rowsRedraw.request();
                }
            });
        }
    }

    /** The thumbnail shown for {@code row}, or null while it loads or when it cannot be decoded. */
    Image thumbnail(int row) {
        return row < thumbnails.size() ? thumbnails.get(row) : null;
    }
}
