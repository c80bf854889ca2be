package dev.diagonal.app.runs;

import dev.diagonal.app.common.Ui;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;

/** The runs screen: the history table above, the curves of the selected runs below. */
public final class RunsView extends BorderPane {

    public RunsView(RunsViewModel model) {
        getStyleClass().add("screen");
        setTop(Ui.header("Runs", "Every fine-tuning run of the project. Select two or more to overlay their curves.",
                Ui.button("Refresh", model.refreshCommand(), "F5"),
                Ui.button("Show", model.showCommand(), "show the run's curves and similarity snapshots on the Fine-tune screen"
                        + " (live while it runs, also when started from the command line)"),
                Ui.button("Open folder", model.openFolderCommand()),
                Ui.button("Resume", model.resumeCommand(), "continue a stopped contrastive or LoRA run from its last checkpoint"),
                Ui.button("Delete…", model.deleteCommand(), "Delete")));
        TableView<RunRow> table = new TableView<>(model.runs());
        table.setId("runs-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("Run", RunRow::id, 200));
        table.getColumns().add(column("Method", RunRow::method, 90));
        table.getColumns().add(column("Status", RunRow::status, 120));
        table.getColumns().add(column("Key hyperparameters", RunRow::hyperparameters, 250));
        table.getColumns().add(column("Best", RunRow::best, 150));
        table.getColumns().add(column("Duration", RunRow::duration, 80));
        table.getColumns().add(column("Started", RunRow::started, 120));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(view -> {
            javafx.scene.control.TableRow<RunRow> row = new javafx.scene.control.TableRow<>() {
                @Override
                protected void updateItem(RunRow item, boolean empty) {
                    super.updateItem(item, empty);
                    setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.id() + "\n"
                            + item.status() + "\n" + item.hyperparameters()));
                }
            };
            return row;
        });
        table.setPlaceholder(Ui.bound(model.statusProperty(), "hint"));
        boolean[] syncing = {false};
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) change -> {
            if (!syncing[0]) {
                syncing[0] = true;
                model.selection().setAll(java.util.List.copyOf(table.getSelectionModel().getSelectedItems()));
                syncing[0] = false;
            }
        });
        model.selection().addListener((ListChangeListener<RunRow>) change -> {
            if (!syncing[0]) {
                syncing[0] = true;
                table.getSelectionModel().clearSelection();
                model.selection().forEach(row -> table.getSelectionModel().select(row));
                syncing[0] = false;
            }
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE) {
                model.deleteCommand().execute();
            }
        });

        ComboBox<String> metric = new ComboBox<>(model.metrics());
        metric.valueProperty().bindBidirectional(model.metricProperty());
        metric.setPromptText("metric");
        ChartViewer chart = new ChartViewer(CurveChart.create(null, java.util.List.of()));
        model.curves().addListener((ListChangeListener<Curve>) change ->
                chart.setChart(CurveChart.create(model.metricProperty().get(), model.curves())));
        VBox.setVgrow(chart, Priority.ALWAYS);
        Label status = Ui.bound(model.statusProperty(), "hint");
        VBox curves = Ui.card(null, Ui.row(new Label("Metric"), metric, Ui.spacer(), status), chart);

        SplitPane split = new SplitPane(Ui.card(null, table), curves);
        VBox.setVgrow(table, Priority.ALWAYS);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    private static TableColumn<RunRow, String> column(String title, Function<RunRow, String> value, double width) {
        TableColumn<RunRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
