package dev.diagonal.app.finetune;

import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The shown step's hardest negatives as a row of cards: the image, the wrong caption it is most similar to,
 * and their cosine, most similar first. Clicking a card opens that image in the click-through panel.
 */
final class NegativesGallery extends ScrollPane {

    private static final double THUMB = 44;
    private static final double CARD = 210;
    private static final double TEXT = CARD - THUMB - 14;

    private final HBox cards = new HBox(8);
    private final ThumbnailLoader thumbnails;
    private final IntConsumer open;
    // the list the loading thumbnails belong to (read by the decoding threads)
    private volatile List<HardNegatives.Negative> shown = List.of();

    /**
     * @param thumbnails decodes the images (null: none, in tests)
     * @param open gets the probe row of a clicked card
     */
    NegativesGallery(ObservableList<HardNegatives.Negative> negatives, ThumbnailLoader thumbnails, IntConsumer open) {
        this.thumbnails = thumbnails;
        this.open = open;
        setId("hard-negatives");
        setContent(cards);
        setFitToHeight(true);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        cards.setPadding(new javafx.geometry.Insets(4));
        negatives.addListener((ListChangeListener<HardNegatives.Negative>) change -> fill(List.copyOf(negatives)));
        fill(List.copyOf(negatives));
    }

    private void fill(List<HardNegatives.Negative> negatives) {
        if (negatives.equals(shown)) {
            return; // a redraw of the same step: keep the cards (and their loaded thumbnails)
        }
        shown = negatives;
        cards.getChildren().clear();
        if (negatives.isEmpty()) {
            cards.getChildren().add(Ui.label("No off-diagonal pairs to show yet.", "hint"));
            return;
        }
        for (HardNegatives.Negative negative : negatives) {
            cards.getChildren().add(card(negative, negatives));
        }
    }

    private HBox card(HardNegatives.Negative negative, List<HardNegatives.Negative> batch) {
        ImageView thumb = new ImageView();
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        if (negative.imagePath() != null && thumbnails != null) {
            thumbnails.request(Path.of(negative.imagePath()), () -> shown == batch, image -> {
                if (image != null && shown == batch) {
                    thumb.setImage(image);
                }
            });
        }
        Label image = Ui.label(negative.image(), "hint");
        Label caption = new Label("≠ " + negative.caption());
        caption.setStyle("-fx-font-weight: bold;");
        Label score = Ui.label(String.format(Locale.ROOT, "cosine %.3f", negative.score()), "hint");
        for (Label label : List.of(image, caption, score)) {
            label.setMaxWidth(TEXT);
            label.setWrapText(false);
        }
        HBox card = new HBox(6, thumb, new VBox(1, image, caption, score));
        card.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        card.getStyleClass().add("negative-card");
        card.setPrefWidth(CARD);
        card.setMinWidth(CARD);
        card.setCursor(Cursor.HAND);
        Tooltip.install(card, new Tooltip(String.format(Locale.ROOT, "%s ↔ \"%s\" (not its caption): cosine %.3f%n"
                + "Click to see the image's best captions", negative.image(), negative.caption(), negative.score())));
        card.setOnMouseClicked(event -> open.accept(negative.row()));
        return card;
    }
}
