package dev.diagonal.app.export;

import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Ui;
import dev.diagonal.project.RunSummary;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The export screen: which run, where to, which weight type; the report of what was written. */
public final class ExportView extends BorderPane {

    private static final String NO_RUNS = "No runs yet";

    public ExportView(ExportViewModel model) {
        getStyleClass().add("screen");
        Button export = Ui.button("Export", model.exportCommand(), "Ctrl+E");
        export.getStyleClass().add("primary");
        export.setId("export-run");
        setTop(Ui.header("Export", "Write a run's model as an HF folder: config.json, model.safetensors, tokenizer, preprocessor.",
                export));
        ComboBox<RunSummary> runs = new ComboBox<>(model.runs());
        runs.valueProperty().bindBidirectional(model.runProperty());
        runs.setButtonCell(runCell());
        // the skin shows the prompt text, not the button cell's, while nothing is chosen
        runs.promptTextProperty().bind(Bindings.when(Bindings.isEmpty(model.runs())).then(NO_RUNS).otherwise("Choose a run"));
        runs.setCellFactory(view -> runCell());
        runs.setPrefWidth(520);
        runs.setPlaceholder(new Label(NO_RUNS));
        Label target = new Label();
        target.textProperty().bind(Bindings.createStringBinding(() -> model.targetProperty().get() == null ? "—"
                : model.targetProperty().get().toString(), model.targetProperty()));
        ComboBox<String> dtype = new ComboBox<>(FXCollections.observableArrayList(ExportViewModel.DTYPES));
        dtype.valueProperty().bindBidirectional(model.dtypeProperty());
        CheckBox latest = new CheckBox("The weights at the end of training, not the best evaluation's");
        latest.selectedProperty().bindBidirectional(model.latestProperty());
        CheckBox replace = new CheckBox("Replace a folder that is not empty");
        replace.selectedProperty().bindBidirectional(model.replaceProperty());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Run"), runs);
        grid.addRow(1, new Label(""), latest);
        grid.addRow(2, new Label(""), Ui.bound(model.sourceProperty(), "hint"));
        grid.addRow(3, new Label("Folder"), Ui.row(target, Ui.button("Choose…", model.chooseTargetCommand())));
        grid.addRow(4, new Label("Weights"), Ui.row(dtype, Ui.label("f16 halves the size; f32 keeps every bit of the run", "hint")));
        grid.addRow(5, new Label(""), replace);
        grid.disableProperty().bind(model.busyProperty());

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        Label report = Ui.bound(model.reportProperty(), "status");
        report.setId("export-report");
        Label nothingYet = Ui.label("Nothing exported yet: choose a run and press Export.", "hint");
        nothingYet.setWrapText(true);
        nothingYet.visibleProperty().bind(model.reportProperty().isEmpty().and(model.busyProperty().not()));
        nothingYet.managedProperty().bind(nothingYet.visibleProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        VBox result = Ui.card("Result", nothingYet, bar, report, Ui.button("Use it as the project's model", model.useAsModelCommand()));
        VBox content = new VBox(12, Ui.card("What to export", grid), result);
        setCenter(content);
    }

    private static ListCell<RunSummary> runCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(RunSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item));
            }
        };
    }

    private static String describe(RunSummary item) {
        return item.id() + " — " + item.method() + ", " + item.status().name().toLowerCase(Locale.ROOT)
                + (item.bestMetric() == null ? "" : ", best " + item.bestMetric().name() + " "
                + Formats.number(item.bestMetric().value()));
    }
}
