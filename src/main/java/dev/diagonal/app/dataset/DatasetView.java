package dev.diagonal.app.dataset;

import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import dev.diagonal.data.Sample;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;
import org.jfree.chart.fx.ChartViewer;

/** The dataset screen: datasets on the left, the thumbnail grid in the middle, report and chart on the right. */
public final class DatasetView extends BorderPane {

    private static final int THUMB = 88;

    public DatasetView(DatasetViewModel model, ThumbnailLoader thumbnails) {
        getStyleClass().add("screen");
        ComboBox<DatasetRole> role = new ComboBox<>();
        role.getItems().setAll(DatasetRole.values());
        role.valueProperty().bindBidirectional(model.importRoleProperty());
        role.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DatasetRole value) {
                return value == null ? "" : "as " + value.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public DatasetRole fromString(String text) {
                return null;
            }
        });
        setTop(Ui.header("Dataset", "ImageFolder, CSV, TSV or JSON Lines; checked image by image before any run.",
                Ui.button("Import folder…", model.importFolderCommand(), "Ctrl+I"),
                Ui.button("Import manifest…", model.importManifestCommand(), "Ctrl+Shift+I"), role));
        setLeft(datasets(model));
        setCenter(grid(model, thumbnails));
        setRight(side(model));
    }

    private VBox datasets(DatasetViewModel model) {
        ListView<DatasetEntry> list = new ListView<>(model.entries());
        list.setId("dataset-list");
        list.setPlaceholder(new Label("No datasets"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(DatasetEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "\n" + item.role().name().toLowerCase(Locale.ROOT));
            }
        });
        model.selectedProperty().addListener((obs, old, entry) -> list.getSelectionModel().select(entry));
        list.getSelectionModel().select(model.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                model.selectedProperty().set(entry);
            }
        });
        VBox card = Ui.card("Datasets", list, Ui.row(Ui.button("Reload", model.reloadCommand(), "F5"),
                Ui.button("Remove", model.removeCommand())));
        VBox.setVgrow(list, Priority.ALWAYS);
        card.setPrefWidth(170);
        BorderPane.setMargin(card, new javafx.geometry.Insets(0, 10, 0, 0));
        return card;
    }

    private VBox grid(DatasetViewModel model, ThumbnailLoader thumbnails) {
        ComboBox<SampleFilter> filter = new ComboBox<>();
        filter.getItems().setAll(SampleFilter.values());
        filter.valueProperty().bindBidirectional(model.filterProperty());
        TextField search = new TextField();
        search.setPromptText("Search label, caption, file");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setId("sample-search");
        search.setPrefWidth(190);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.loadingProperty());
        Label summary = Ui.bound(model.shownSummaryProperty(), "hint");
        summary.setWrapText(false);
        summary.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridView<Sample> grid = new GridView<>(model.shown());
        grid.setId("sample-grid");
        grid.setCellWidth(THUMB + 20);
        grid.setCellHeight(THUMB + 40);
        grid.setHorizontalCellSpacing(4);
        grid.setVerticalCellSpacing(4);
        grid.setCellFactory(view -> new SampleCell(thumbnails, THUMB));
        VBox.setVgrow(grid, Priority.ALWAYS);
        VBox box = Ui.card(null, Ui.row(filter, search, summary, bar), grid);
        return box;
    }

    private VBox side(DatasetViewModel model) {
        TextArea report = new TextArea();
        report.textProperty().bind(model.reportProperty());
        report.setEditable(false);
        report.setPrefRowCount(9);
        report.setWrapText(true);
        report.setMinHeight(140);
        report.getStyleClass().add("report");
        report.setId("validation-report");

        ChartViewer chart = new ChartViewer(ClassChart.create(java.util.Map.of()));
        chart.setPrefHeight(250);
        chart.setMinHeight(180);
        model.datasetProperty().addListener((obs, old, loaded) -> chart.setChart(ClassChart.create(model.classCounts())));
        VBox.setVgrow(chart, Priority.ALWAYS);

        Spinner<Integer> percent = new Spinner<>(0, 90, 20, 5);
        percent.setEditable(true);
        percent.setPrefWidth(110);
        percent.valueProperty().addListener((obs, old, value) -> model.valFractionProperty().set(value / 100.0));
        Spinner<Integer> seed = Ui.spinner(0, Integer.MAX_VALUE, 1, model.seedProperty());
        seed.setPrefWidth(110);
        Spinner<Integer> shots = Ui.spinner(1, 1000, 1, model.shotsProperty());
        shots.setPrefWidth(110);
        GridPane controls = new GridPane();
        controls.setHgap(8);
        controls.setVgap(6);
        controls.addRow(0, new Label("Validation %"), percent);
        controls.addRow(1, new Label("Seed"), seed);
        controls.addRow(2, new Label("Shots per class"), shots);
        Label split = Ui.bound(model.splitSummaryProperty(), "hint");
        Label pick = Ui.bound(model.fewShotSummaryProperty(), "hint");

        VBox side = new VBox(10, Ui.card("Validation report", report), Ui.card("Class distribution", chart),
                Ui.card("Split and few-shot", controls, split, pick));
        VBox.setVgrow(side.getChildren().get(1), Priority.ALWAYS);
        side.setPrefWidth(350);
        side.setMaxWidth(350);
        BorderPane.setMargin(side, new javafx.geometry.Insets(0, 0, 0, 10));
        return side;
    }
}
