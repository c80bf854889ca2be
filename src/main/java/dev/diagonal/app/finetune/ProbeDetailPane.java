package dev.diagonal.app.finetune;

import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The heatmap's click-through panel: the clicked image large with its top captions and their cosines, or the
 * clicked caption with its top images, and where the true partner ranks; the true partner is marked.
 */
final class ProbeDetailPane extends StackPane {

    /** How large the clicked image is drawn (the sample's emoji are 64 px; thumbnails are at most 96). */
    private static final double LARGE = 100;
    private static final double SMALL = 18; // a top image's thumbnail, one text line high

    private final ThumbnailLoader thumbnails;
    private final Label heading = new Label();
    private final Label rank = Ui.label("", "hint");
    private final ImageView image = new ImageView();
    private final GridPane matches = new GridPane();
    // the detail the loading images belong to (read by the decoding threads): a newer click drops older ones
    private volatile Object shownFor;

    /** @param thumbnails decodes the images shown (null: none, in tests) */
    ProbeDetailPane(ProbeDetailViewModel model, ThumbnailLoader thumbnails) {
        this.thumbnails = thumbnails;
        setId("probe-detail");
        heading.setId("probe-detail-heading");
        heading.getStyleClass().add("card-title");
        heading.setWrapText(true);
        rank.setId("probe-detail-rank");
        matches.setId("probe-detail-matches");
        matches.setHgap(8);
        matches.setVgap(1);
        image.setFitWidth(LARGE);
        image.setFitHeight(LARGE);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        Button close = new Button("×");
        close.setStyle("-fx-padding: 0 6 0 6;");
        close.setId("probe-detail-close");
        close.setTooltip(new Tooltip("Close the detail"));
        close.setOnAction(event -> model.close());
        HBox top = Ui.row(heading, Ui.spacer(), close);
        HBox.setHgrow(heading, Priority.ALWAYS);
        VBox list = new VBox(2, rank, matches);
        HBox body = Ui.row(image, list);
        body.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        VBox content = new VBox(2, top, body);
        Label empty = Ui.label("Click a row of the heatmap (an image) to see its best captions, or Shift-click a cell"
                + " or click a caption below the matrix to see that caption's best images.", "hint");
        empty.setWrapText(true);
        empty.setId("probe-detail-empty");
        content.visibleProperty().bind(model.detailProperty().isNotNull());
        empty.visibleProperty().bind(model.detailProperty().isNull());
        getChildren().addAll(content, empty);
        setAlignment(javafx.geometry.Pos.TOP_LEFT);
        model.detailProperty().addListener((obs, old, detail) -> show(detail));
        show(model.detailProperty().get());
    }

    private void show(ProbeDetailViewModel.Detail detail) {
        shownFor = detail;
        matches.getChildren().clear();
        image.setImage(null);
        if (detail == null) {
            return;
        }
        heading.setText(detail.heading());
        rank.setText(detail.rank());
        load(detail.imagePath(), image, detail);
        image.setVisible(detail.row());
        image.setManaged(detail.row());
        int line = 0;
        for (ProbeRanking.Match match : detail.matches()) {
            Label place = new Label((line + 1) + ".");
            Label text = new Label(match.label() + (match.truePartner() ? detail.row() ? "  (its caption)" : "  (its image)" : ""));
            text.setWrapText(true);
            if (match.truePartner()) {
                text.setStyle("-fx-font-weight: bold;");
            }
            Label score = Ui.label(String.format(Locale.ROOT, "%.3f", match.score()), "hint");
            if (detail.row()) {
                matches.addRow(line, place, text, score);
            } else {
                ImageView thumb = new ImageView();
                thumb.setFitWidth(SMALL);
                thumb.setFitHeight(SMALL);
                thumb.setPreserveRatio(true);
                load(match.imagePath(), thumb, detail);
                matches.addRow(line, place, thumb, text, score);
            }
            line++;
        }
    }

    private void load(String path, ImageView into, Object forDetail) {
        if (path == null || thumbnails == null) {
            return;
        }
        thumbnails.request(Path.of(path), () -> shownFor == forDetail, (Image loaded) -> {
            if (loaded != null && shownFor == forDetail) {
                into.setImage(loaded);
            }
        });
    }
}
