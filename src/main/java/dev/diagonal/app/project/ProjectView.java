package dev.diagonal.app.project;

import dev.diagonal.app.common.Ui;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The project screen: a start page without a project, an overview with one; recent projects on the right. */
public final class ProjectView extends BorderPane {

    public ProjectView(ProjectViewModel model) {
        getStyleClass().add("screen");
        setTop(Ui.header("Project", "A project folder holds diagonal-project.json: the model, the datasets and the runs.",
                Ui.button("New project…", model.newProjectCommand(), "Ctrl+N"),
                Ui.button("Open project…", model.openProjectCommand(), "Ctrl+O"),
                Ui.button("Open sample project", model.openSampleCommand())));
        StackPane center = new StackPane(welcome(model), overview(model));
        setCenter(center);
        setRight(recent(model));
        BorderPane.setMargin(center, new Insets(0, 12, 0, 0));
    }

    private VBox welcome(ProjectViewModel model) {
        Label hello = Ui.label("Welcome to Diagonal", "welcome-title");
        Label text = Ui.label("Adapt a CLIP model to your images: pick a model, import a dataset, look at "
                + "zero-shot results, then fine-tune and compare runs.\n\nCreate a project (Ctrl+N), open one "
                + "(Ctrl+O), or start with the sample project: emoji drawn in two styles.", "welcome-text");
        text.setWrapText(true);
        Label sample = new Label();
        sample.setWrapText(true);
        sample.getStyleClass().add("hint");
        sample.textProperty().bind(Bindings.when(model.sampleAvailableProperty())
                .then("The sample project is ready: “Open sample project”.")
                .otherwise("The sample project is not installed (expected in " + model.sampleLocation() + ")."));
        VBox box = Ui.card(null, hello, text, sample);
        box.setMaxWidth(640);
        box.setMaxHeight(Double.NEGATIVE_INFINITY);
        box.visibleProperty().bind(model.hasProjectProperty().not());
        box.setId("welcome");
        return box;
    }

    private VBox overview(ProjectViewModel model) {
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        fact(facts, 0, "Folder", model.folderProperty());
        fact(facts, 1, "Model", model.modelProperty());
        fact(facts, 2, "Runs", model.runsProperty());
        Label title = Ui.bound(model.nameProperty(), "project-name");
        Label description = Ui.bound(model.descriptionProperty(), "project-description");
        description.visibleProperty().bind(model.descriptionProperty().isNotEmpty());
        description.managedProperty().bind(description.visibleProperty());
        VBox about = Ui.card(null, title, description, facts);

        TableView<DatasetRow> table = new TableView<>(model.datasets());
        table.getColumns().add(column("Dataset", DatasetRow::name, 160));
        table.getColumns().add(column("Role", DatasetRow::role, 120)); // "shift (held out)" in full
        table.getColumns().add(column("Status", DatasetRow::status, 70));
        table.getColumns().add(column("Path", DatasetRow::path, 410));
        table.setPlaceholder(new Label("No datasets yet: import one on the Dataset screen (Ctrl+3)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        VBox datasets = Ui.card("Datasets", table);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(datasets, Priority.ALWAYS);

        VBox stepList = new VBox(4);
        Runnable fill = () -> stepList.getChildren().setAll(model.nextSteps().stream().map(step -> Ui.label(step, "step")).toList());
        model.nextSteps().addListener((javafx.collections.ListChangeListener<String>) change -> fill.run());
        fill.run();
        VBox steps = Ui.card("Next steps", stepList);

        VBox box = new VBox(12, about, datasets, steps);
        box.visibleProperty().bind(model.hasProjectProperty());
        box.setId("project-overview");
        return box;
    }

    private static void fact(GridPane grid, int row, String name, javafx.beans.value.ObservableValue<String> value) {
        grid.add(Ui.label(name, "fact-name"), 0, row);
        grid.add(Ui.bound(value, "fact-value"), 1, row);
    }

    private static TableColumn<DatasetRow, String> column(String title,
            java.util.function.Function<DatasetRow, String> value, double width) {
        TableColumn<DatasetRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private VBox recent(ProjectViewModel model) {
        ListView<Path> list = new ListView<>(model.recent());
        list.setId("recent-projects");
        list.setPlaceholder(new Label("No recent projects"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName() + "\n" + item.getParent());
            }
        });
        list.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                model.open(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(event -> {
            Path selected = list.getSelectionModel().getSelectedItem();
            if (selected != null && event.getCode() == KeyCode.ENTER) {
                model.open(selected);
            } else if (selected != null && event.getCode() == KeyCode.DELETE) {
                model.forget(selected);
            }
        });
        MenuItem open = new MenuItem("Open");
        open.setOnAction(e -> model.open(list.getSelectionModel().getSelectedItem()));
        MenuItem forget = new MenuItem("Remove from list");
        forget.setOnAction(e -> model.forget(list.getSelectionModel().getSelectedItem()));
        list.setContextMenu(new ContextMenu(open, forget));
        Label help = Ui.label("Double-click or Enter opens; Delete removes from the list.", "hint");
        help.setWrapText(true);
        VBox card = Ui.card("Recent projects", list, help);
        VBox.setVgrow(list, Priority.ALWAYS);
        card.setPrefWidth(300);
        return card;
    }
}
