package dev.diagonal.app.common;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders that keep the views short and consistent. */
public final class Ui {

    private Ui() {}

    /** A button bound to a command: disabled while the command cannot run. */
    public static Button button(String text, Command command) {
        Button button = new Button(text);
        button.setOnAction(event -> command.execute());
        button.disableProperty().bind(command.executableProperty().not());
        return button;
    }

    /** A button bound to a command with a tooltip (e.g. naming its shortcut). */
    public static Button button(String text, Command command, String tooltip) {
        Button button = button(text, command);
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }

    /** A label with a style class. */
    public static Label label(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        return label;
    }

    /** A label showing an observable string, with a style class. */
    public static Label bound(ObservableValue<String> text, String styleClass) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }

    /** A screen's header: a title, a one-line explanation, and the screen's main buttons on the right. */
    public static Node header(String title, String subtitle, Node... actions) {
        VBox texts = new VBox(2, label(title, "screen-title"), label(subtitle, "screen-subtitle"));
        HBox row = new HBox(8);
        row.getChildren().add(texts);
        row.getChildren().add(spacer());
        row.getChildren().addAll(actions);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("screen-header");
        return row;
    }

    /** A titled box for a part of a screen. */
    public static VBox card(String title, Node... content) {
        VBox box = new VBox(8);
        box.getStyleClass().add("card");
        if (title != null) {
            box.getChildren().add(label(title, "card-title"));
        }
        box.getChildren().addAll(content);
        box.setPadding(new Insets(12));
        return box;
    }

    /** An editable integer spinner kept in step with {@code property} both ways. */
    public static javafx.scene.control.Spinner<Integer> spinner(int min, int max, int step,
            javafx.beans.property.IntegerProperty property) {
        javafx.scene.control.Spinner<Integer> spinner = new javafx.scene.control.Spinner<>(min, max, property.get(), step);
        spinner.setEditable(true);
        spinner.valueProperty().addListener((obs, old, value) -> {
            if (value != null) {
                property.set(value);
            }
        });
        property.addListener((obs, old, value) -> spinner.getValueFactory().setValue(value.intValue()));
        return spinner;
    }

    /** A horizontally growing empty region. */
    public static Region spacer() {
        Region region = new Region();
        HBox.setHgrow(region, Priority.ALWAYS);
        return region;
    }

    /** A row of nodes with the usual spacing. */
    public static HBox row(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
