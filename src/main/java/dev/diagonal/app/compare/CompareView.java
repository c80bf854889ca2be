package dev.diagonal.app.compare;

import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Ui;
import dev.diagonal.compare.CellRow;
import dev.diagonal.compare.Summary;
import dev.diagonal.project.DatasetEntry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Compare screen: the form on the left; progress, the summary table and the two charts on the right. */
public final class CompareView extends BorderPane {

    private static final double FORM_WIDTH = 320;

    public CompareView(CompareViewModel model) {
        getStyleClass().add("screen");
        Button start = Ui.button("Start", model.startCommand(), "Run the missing cells (a folder of an earlier comparison continues it)");
        start.setId("compare-start");
        start.getStyleClass().add("primary");
        Button cancel = Ui.button("Cancel", model.cancelCommand(), "Stop after the current step; finished cells are kept");
        cancel.setId("compare-cancel");
        Button open = Ui.button("Open…", model.openCommand(), "Show an earlier comparison folder");
        open.setId("compare-open");
        Button fresh = Ui.button("New", model.newCommand(), "Clear the results and start a new comparison folder");
        fresh.setId("compare-new");
        setTop(Ui.header("Compare", "Methods × shots × seeds on the same data: test top-1 in distribution and under shift.",
                fresh, open, start, cancel));
        setLeft(form(model.form(), model));
        setCenter(results(model));
    }

    private ScrollPane form(CompareForm form, CompareViewModel model) {
        TextField modelField = new TextField();
        modelField.textProperty().bindBidirectional(form.modelProperty());
        modelField.setId("compare-model");
        ComboBox<DatasetEntry> train = datasetBox(form, "compare-train");
        // test and shift sets are held out: not offered for training (training would refuse them anyway)
        train.setItems(new javafx.collections.transformation.FilteredList<>(form.datasets(), e -> !e.role().heldOut()));
        train.valueProperty().bindBidirectional(form.trainProperty());
        ComboBox<DatasetEntry> test = datasetBox(form, "compare-test");
        test.valueProperty().bindBidirectional(form.testProperty());
        VBox shifts = new VBox(4);
        shifts.setId("compare-shifts");
        Runnable fillShifts = () -> {
            shifts.getChildren().clear();
            for (CompareForm.ShiftChoice choice : form.shifts()) {
                CheckBox box = new CheckBox(choice.entry().name() + " (" + choice.entry().role().label() + ")");
                box.selectedProperty().bindBidirectional(choice.selected());
                shifts.getChildren().add(box);
            }
            if (form.shifts().isEmpty()) {
                shifts.getChildren().add(Ui.label("The project has no datasets yet.", "hint"));
            }
        };
        form.shifts().addListener((ListChangeListener<CompareForm.ShiftChoice>) change -> fillShifts.run());
        fillShifts.run();

        FlowPane methods = new FlowPane(10, 6);
        for (String method : CompareForm.METHODS) {
            CheckBox box = new CheckBox(method);
            box.setId("compare-method-" + method);
            box.selectedProperty().bindBidirectional(form.methodProperty(method));
            methods.getChildren().add(box);
        }
        TextField shots = new TextField();
        shots.textProperty().bindBidirectional(form.shotsProperty());
        shots.setId("compare-shots");
        shots.setPrefColumnCount(6);
        Spinner<Integer> seeds = Ui.spinner(1, 20, 1, form.seedsProperty());
        seeds.setId("compare-seeds");
        seeds.setPrefWidth(80);
        TextField out = new TextField();
        out.textProperty().bindBidirectional(form.outProperty());
        out.setId("compare-out");
        Label problem = Ui.bound(model.problemProperty(), "error");
        problem.setId("compare-problem");
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        VBox box = new VBox(10,
                Ui.card("Model", modelField),
                Ui.card("Data", new Label("Training set"), train, new Label("Test set"), test, new Label("Shift sets"), shifts),
                Ui.card("Cells", methods, Ui.row(new Label("Shots"), shots, new Label("Seeds"), seeds),
                        hint("Zero-shot runs once per seed; each other method once per shots and seed.")),
                Ui.card("Output folder", out, hint("A folder of an earlier comparison continues it: finished cells are kept.")),
                problem);
        box.setPadding(new Insets(0, 10, 0, 0));
        box.setPrefWidth(FORM_WIDTH);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(FORM_WIDTH + 16);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private static Label hint(String text) {
        Label label = Ui.label(text, "hint");
        label.setWrapText(true);
        return label;
    }

    private static ComboBox<DatasetEntry> datasetBox(CompareForm form, String id) {
        ComboBox<DatasetEntry> box = new ComboBox<>(form.datasets());
        box.setMaxWidth(Double.MAX_VALUE);
        box.setId(id);
        box.setButtonCell(entryCell());
        box.setCellFactory(view -> entryCell());
        return box;
    }

    private static ListCell<DatasetEntry> entryCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(DatasetEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + " (" + item.role().label() + ")");
            }
        };
    }

    private VBox results(CompareViewModel model) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setPrefWidth(220);
        Label status = Ui.bound(model.statusProperty(), "status");
        status.setId("compare-status");

        TableView<Summary> table = new TableView<>(model.summary());
        table.setId("compare-summary");
        table.setPlaceholder(new Label("Rows appear here as cells finish"));
        table.setPrefHeight(200);
        Runnable columns = () -> {
            table.getColumns().clear();
            table.getColumns().add(column("Method", Summary::method, 130));
            table.getColumns().add(column("Shots", s -> s.shots() == 0 ? "—" : Integer.toString(s.shots()), 60));
            table.getColumns().add(column("Seeds", s -> Integer.toString(s.seeds()), 60));
            table.getColumns().add(column("Test top-1", s -> meanStd(s.testTop1()), 130));
            for (String shift : model.shiftNames()) {
                table.getColumns().add(column(shift + " top-1", s -> meanStd(s.shiftTop1().get(shift)), 130));
            }
        };
        model.shiftNames().addListener((ListChangeListener<String>) change -> columns.run());
        columns.run();

        TableView<CellRow> cells = cellTable(model);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox.setHgrow(cells, Priority.ALWAYS);

        ImageView fewShot = chart(model.fewShotChartProperty(), "compare-few-shot");
        ImageView idVsOod = chart(model.idVsOodChartProperty(), "compare-id-vs-ood");
        idVsOod.setOnMouseClicked(e -> cellUnder(model, idVsOod, e).ifPresent(model::showRun));
        idVsOod.setOnMouseMoved(e -> idVsOod.setCursor(cellUnder(model, idVsOod, e).isPresent() ? Cursor.HAND : Cursor.DEFAULT));
        Tooltip.install(idVsOod, new Tooltip("Click a point to open its run on Fine-tune"));
        HBox charts = new HBox(10, fewShot, idVsOod);
        ScrollPane chartScroll = new ScrollPane(charts);
        // the two charts share the visible width side by side, never below a readable size (then it scrolls)
        for (ImageView view : new ImageView[] {fewShot, idVsOod}) {
            view.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> Math.max(320, (chartScroll.getViewportBounds().getWidth() - 12) / 2), chartScroll.viewportBoundsProperty()));
        }
        VBox.setVgrow(chartScroll, Priority.ALWAYS);
        return Ui.card(null, Ui.row(status, Ui.spacer(), bar), new HBox(10, table, cells),
                hint("Double-click a cell, or click its point on the right chart, to open its run on Fine-tune."), chartScroll);
    }

    /** One row per finished cell; double-click or Enter opens its run. */
    private static TableView<CellRow> cellTable(CompareViewModel model) {
        TableView<CellRow> cells = new TableView<>(model.rows());
        cells.setId("compare-cells");
        cells.setPlaceholder(new Label("Finished cells appear here"));
        cells.setPrefHeight(200);
        Runnable columns = () -> {
            cells.getColumns().clear();
            cells.getColumns().add(column("Cell", (CellRow r) -> r.cell().label(), 200));
            cells.getColumns().add(column("Test top-1", (CellRow r) -> Formats.percent(r.testTop1()), 90));
            for (String shift : model.shiftNames()) {
                cells.getColumns().add(column(shift, (CellRow r) -> r.shiftTop1().containsKey(shift)
                        ? Formats.percent(r.shiftTop1().get(shift)) : "", 90));
            }
        };
        model.shiftNames().addListener((ListChangeListener<String>) change -> columns.run());
        columns.run();
        cells.setRowFactory(view -> {
            TableRow<CellRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.showRun(row.getItem());
                }
            });
            return row;
        });
        cells.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && cells.getSelectionModel().getSelectedItem() != null) {
                model.showRun(cells.getSelectionModel().getSelectedItem());
            }
        });
        return cells;
    }

    /** The cell whose point is under the mouse, in the chart image's own pixels (the view scales it to fit). */
    private static Optional<CellRow> cellUnder(CompareViewModel model, ImageView view, MouseEvent e) {
        Image image = view.getImage();
        double shownWidth = view.getBoundsInLocal().getWidth();
        if (image == null || shownWidth <= 0) {
            return Optional.empty();
        }
        double scale = image.getWidth() / shownWidth;
        return model.cellAt(e.getX() * scale, e.getY() * scale);
    }

    /** An image of a chart file, scaled to fit; empty while there is none. */
    private static ImageView chart(ObservableValue<Path> file, String id) {
        ImageView view = new ImageView();
        view.setId(id);
        view.setPreserveRatio(true);
        file.addListener((obs, old, path) -> view.setImage(path == null ? null : new Image(path.toUri().toString())));
        if (file.getValue() != null) {
            view.setImage(new Image(file.getValue().toUri().toString()));
        }
        return view;
    }

    private static String meanStd(Summary.MeanStd value) {
        if (value == null) {
            return "";
        }
        return value.std() == 0 ? Formats.percent(value.mean())
                : Formats.percent(value.mean()).replace(" %", "") + " ± " + Formats.percent(value.std());
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
