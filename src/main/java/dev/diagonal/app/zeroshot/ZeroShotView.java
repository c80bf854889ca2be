package dev.diagonal.app.zeroshot;

import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import dev.diagonal.project.DatasetEntry;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;
import org.jfree.chart.fx.ChartViewer;

/** The zero-shot screen: setup on the left; scores, per-class table, confusion matrix and mistakes on the right. */
public final class ZeroShotView extends BorderPane {

    private static final int THUMB = 80;

    public ZeroShotView(ZeroShotViewModel model, ThumbnailLoader thumbnails) {
        getStyleClass().add("screen");
        Button run = Ui.button("Run zero-shot", model.runCommand(), "Ctrl+R");
        run.setId("run-zeroshot");
        run.setDefaultButton(false);
        run.getStyleClass().add("primary");
        setTop(Ui.header("Zero-shot", "Classify a labelled dataset by prompting with its class names: the baseline of every run.",
                run, Ui.button("Cancel", model.cancelCommand(), "Esc")));
        setLeft(setup(model));
        setCenter(results(model, thumbnails));
    }

    private VBox setup(ZeroShotViewModel model) {
        ComboBox<DatasetEntry> dataset = new ComboBox<>(model.entries());
        dataset.valueProperty().bindBidirectional(model.selectedProperty());
        dataset.setMaxWidth(Double.MAX_VALUE);
        dataset.setId("zeroshot-dataset");
        dataset.setButtonCell(entryCell());
        dataset.setCellFactory(view -> entryCell());

        ListView<String> classes = new ListView<>(model.classNames());
        classes.setEditable(true);
        classes.setCellFactory(TextFieldListCell.forListView());
        classes.setPlaceholder(new Label("Classes appear when the dataset is loaded"));
        Label classCount = new Label();
        classCount.getStyleClass().add("hint");
        classCount.setWrapText(true);
        classCount.textProperty().bind(Bindings.createStringBinding(
                () -> model.classNames().size() + " classes · double-click to edit a prompt name", model.classNames()));

        ListView<String> templates = new ListView<>(model.templates());
        templates.setEditable(true);
        templates.setCellFactory(TextFieldListCell.forListView());
        templates.setId("templates");
        templates.setPrefHeight(130);
        templates.setMinHeight(90);
        TextField next = new TextField();
        next.setPromptText("a new template with {}");
        Runnable add = () -> {
            String text = next.getText().strip();
            if (!text.isEmpty()) {
                model.templates().add(text.contains("{}") ? text : text + " {}");
                next.clear();
            }
        };
        next.setOnAction(e -> add.run());
        Button addButton = new Button("Add");
        addButton.setOnAction(e -> add.run());
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            int index = templates.getSelectionModel().getSelectedIndex();
            if (index >= 0) {
                model.templates().remove(index);
            }
        });
        remove.disableProperty().bind(templates.getSelectionModel().selectedIndexProperty().lessThan(0));
        javafx.scene.layout.HBox.setHgrow(next, Priority.ALWAYS);
        addButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.Spinner<Integer> batch = Ui.spinner(1, 1024, 8, model.batchSizeProperty());
        batch.setPrefWidth(90);

        VBox classCard = Ui.card("Class names", classes, classCount);
        VBox.setVgrow(classes, Priority.ALWAYS);
        VBox.setVgrow(classCard, Priority.ALWAYS);
        classes.setMinHeight(80);
        VBox box = new VBox(10, Ui.card("Dataset", dataset, Ui.row(new Label("Batch size"), batch)), classCard,
                Ui.card("Prompt templates", templates, Ui.row(next, addButton, remove)));
        box.setPrefWidth(300);
        box.setMaxWidth(300);
        BorderPane.setMargin(box, new javafx.geometry.Insets(0, 10, 0, 0));
        return box;
    }

    private static ListCell<DatasetEntry> entryCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(DatasetEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + " (" + item.role().name().toLowerCase(Locale.ROOT) + ")");
            }
        };
    }

    private VBox results(ZeroShotViewModel model, ThumbnailLoader thumbnails) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setPrefWidth(220);
        Label status = Ui.bound(model.statusProperty(), "status");
        status.setId("zeroshot-status");
        Label summary = Ui.bound(model.summaryProperty(), "big-number");
        summary.setId("zeroshot-summary");

        TableView<ClassRow> table = new TableView<>(model.perClass());
        table.getColumns().add(column("Class", ClassRow::name, 260));
        table.getColumns().add(column("Images", ClassRow::count, 80));
        table.getColumns().add(percent(column("Top-1", ClassRow::top1, 90)));
        table.getColumns().add(percent(column("Top-5", ClassRow::top5, 90)));
        table.setPlaceholder(new Label("Run zero-shot to see per-class accuracy"));
        table.setId("per-class");

        ChartViewer confusion = new ChartViewer(null);
        confusion.setId("confusion");
        model.outcomeProperty().addListener((obs, old, outcome) -> confusion.setChart(outcome == null ? null
                : ConfusionChart.create(outcome.result().classes(), outcome.result().confusion())));

        GridView<Mistake> gallery = new GridView<>(model.mistakes());
        gallery.setId("mistakes");
        gallery.setCellWidth(THUMB + 60);
        gallery.setCellHeight(THUMB + 40);
        gallery.setHorizontalCellSpacing(4);
        gallery.setVerticalCellSpacing(4);
        gallery.setCellFactory(view -> new MistakeCell(thumbnails, THUMB));

        Tab perClass = new Tab("Per class", table);
        Tab matrix = new Tab("Confusion matrix", confusion);
        Tab wrong = new Tab();
        wrong.textProperty().bind(Bindings.size(model.mistakes()).asString("Mistakes (%d)"));
        wrong.setContent(gallery);
        TabPane tabs = new TabPane(perClass, matrix, wrong);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("zeroshot-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = Ui.card(null, Ui.row(summary, Ui.spacer(), bar), status, tabs);
        return box;
    }

    private static TableColumn<ClassRow, Double> percent(TableColumn<ClassRow, Double> column) {
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : Formats.percent(value));
            }
        });
        return column;
    }

    private static <T> TableColumn<ClassRow, T> column(String title, Function<ClassRow, T> value, double width) {
        TableColumn<ClassRow, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
