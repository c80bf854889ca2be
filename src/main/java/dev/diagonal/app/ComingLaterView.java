package dev.diagonal.app;

import dev.diagonal.app.common.Ui;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** A screen whose engine is not there yet: says so, and what the screen will hold. */
final class ComingLaterView extends BorderPane {

    ComingLaterView(String title, String subtitle, String plan) {
        getStyleClass().add("screen");
        setTop(Ui.header(title, subtitle));
        Label heading = Ui.label(title + " arrives with the training engine.", "welcome-title");
        Label text = Ui.label(plan, "welcome-text");
        text.setWrapText(true);
        VBox card = Ui.card(null, heading, text);
        card.setMaxWidth(640);
        card.setMaxHeight(Double.NEGATIVE_INFINITY);
        setCenter(card);
    }
}
