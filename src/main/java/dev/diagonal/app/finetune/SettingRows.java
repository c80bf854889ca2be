package dev.diagonal.app.finetune;

import dev.diagonal.train.Setting;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * The fine-tune form's grid: one labelled row per setting, laid out again whenever the method changes so
 * that only the settings the method reads are shown (no gaps where hidden rows were). The field of the
 * setting the last start refused is marked with the {@code :invalid} pseudo-class.
 */
final class SettingRows {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final double FIELD_WIDTH = 170;

    /** A row: {@code setting} null for one that every method shows; {@code title} null for a control spanning both columns. */
    private record Row(Setting setting, Label title, Control field) {}

    private final GridPane grid;
    private final TrainingForm form;
    private final List<Row> rows = new ArrayList<>();

    SettingRows(GridPane grid, TrainingForm form) {
        this.grid = grid;
        this.form = form;
        form.methodProperty().addListener((obs, old, method) -> layout());
        form.faultProperty().addListener((obs, old, setting) -> rows.forEach(row ->
                row.field().pseudoClassStateChanged(INVALID, row.setting() != null && row.setting() == setting)));
    }

    /** Adds a row; {@code id} names the field for tests and styling (null for none). */
    void add(Setting setting, String title, Control field, String id) {
        if (id != null) {
            field.setId(id);
        }
        if (title != null) {
            field.setPrefWidth(FIELD_WIDTH);
        }
        rows.add(new Row(setting, title == null ? null : new Label(title), field));
    }

    /** Puts the rows that apply to the chosen method into the grid, in the order they were added. */
    void layout() {
        grid.getChildren().clear();
        int index = 0;
        for (Row row : rows) {
            if (row.setting() != null && !form.applies(row.setting()).get()) {
                continue;
            }
            if (row.title() == null) {
                grid.add(row.field(), 0, index++, 2, 1);
            } else {
                grid.addRow(index++, row.title(), row.field());
            }
        }
    }
}
