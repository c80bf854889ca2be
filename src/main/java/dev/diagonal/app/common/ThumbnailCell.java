package dev.diagonal.app.common;

import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

/**
 * A grid cell: a thumbnail loaded in the background, and two lines of text under it. Subclasses say
 * which image and which lines an item has.
 *
 * @param <T> the item type
 */
public abstract class ThumbnailCell<T> extends GridCell<T> {

    private final ThumbnailLoader loader;
    private final ImageView view = new ImageView();
    private final Label first = new Label();
    private final Label second = new Label();
    private final Label missing = new Label("unreadable");
    private final Tooltip tooltip = new Tooltip();
    private final VBox box;
    private volatile Path wanted;

    protected ThumbnailCell(ThumbnailLoader loader, int imageSize) {
        this.loader = loader;
        view.setFitWidth(imageSize);
        view.setFitHeight(imageSize);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        missing.getStyleClass().add("thumb-missing");
        missing.setVisible(false);
        StackPane frame = new StackPane(view, missing);
        frame.setPrefSize(imageSize, imageSize);
        frame.setMinSize(imageSize, imageSize);
        frame.getStyleClass().add("thumb-frame");
        first.getStyleClass().add("thumb-first");
        second.getStyleClass().add("thumb-second");
        for (Label label : new Label[] {first, second}) {
            label.setTextOverrun(OverrunStyle.ELLIPSIS);
            label.setMaxWidth(imageSize + 16);
        }
        box = new VBox(3, frame, first, second);
        box.setAlignment(Pos.TOP_CENTER);
        box.setVisible(false);
        // the box stays in the scene graph for the cell's life: re-adding it on every update would
        // restyle its whole subtree, which is what makes scrolling stutter
        setGraphic(box);
        getStyleClass().add("thumb-cell");
    }

    /** The image file of an item. */
    protected abstract Path image(T item);

    /** The first text line (e.g. the caption). */
    protected abstract String firstLine(T item);

    /** The second text line (e.g. the label). */
    protected abstract String secondLine(T item);

    /** A tooltip text for an item (one tooltip per cell: creating tooltips while scrolling is slow). */
    protected abstract String tooltip(T item);

    /**
     * ControlsFX's grid rows refresh every cell on every layout pass (while scrolling, many times a
     * second) by calling {@code updateIndex(-1)} and then {@code updateIndex(i)}; each round trip restyles
     * the cell. Here a cell is only updated when the item at its index really changed.
     */
    @Override
    public void updateIndex(int index) {
        if (index < 0) {
            return;
        }
        if (index == getIndex() && getGridView() != null) {
            var items = getGridView().getItems();
            T now = index < items.size() ? items.get(index) : null;
            if (now == getItem() && !isEmpty()) {
                return;
            }
            super.updateIndex(-1);
        }
        super.updateIndex(index);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            box.setVisible(false);
            setTooltip(null);
            return;
        }
        Path path = image(item);
        first.setText(firstLine(item));
        second.setText(secondLine(item));
        tooltip.setText(tooltip(item));
        setTooltip(tooltip);
        box.setVisible(true);
        if (path.equals(wanted) && view.getImage() != null) {
            return;
        }
        wanted = path;
        Image cached = loader.cached(path);
        show(cached, cached != null);
        if (cached == null) {
            loader.request(path, () -> path.equals(wanted), image -> {
                if (path.equals(wanted)) {
                    show(image, true);
                }
            });
        }
    }

    private void show(Image image, boolean settled) {
        view.setImage(image);
        missing.setVisible(settled && image == null);
    }
}
