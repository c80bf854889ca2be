package dev.diagonal.app.model;

import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.Ui;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The model screen: a drop zone and chooser, the model's facts, the device and loading. */
public final class ModelView extends BorderPane {

    public ModelView(ModelViewModel model) {
        getStyleClass().add("screen");
        setTop(Ui.header("Model", "An HF CLIP folder: config.json, model.safetensors, tokenizer and preprocessor files.",
                Ui.button("Choose folder…", model.chooseCommand(), "Ctrl+M"),
                Ui.button("Use starter model", model.useStarterCommand())));
        VBox content = new VBox(12, dropZone(model), facts(model), loading(model));
        setCenter(content);
    }

    private VBox dropZone(ModelViewModel model) {
        Label title = new Label();
        title.getStyleClass().add("drop-title");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> model.folderProperty().get() == null ? "No model folder" : model.folderProperty().get().toString(),
                model.folderProperty()));
        Label hint = Ui.label("Drop an HF model folder here, or use “Choose folder…”.", "hint");
        Label starter = new Label();
        starter.getStyleClass().add("hint");
        starter.setWrapText(true);
        starter.textProperty().bind(Bindings.when(model.starterAvailableProperty())
                .then("The starter model (diagonal-starter-emoji) is installed: “Use starter model”.")
                .otherwise("The starter model is not installed (expected in " + model.starterLocation() + ")."));
        Label problem = Ui.bound(model.problemProperty(), "problem");
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox zone = new VBox(6, title, hint, starter, problem);
        zone.getStyleClass().add("drop-zone");
        zone.setAlignment(Pos.CENTER_LEFT);
        zone.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                zone.getStyleClass().add("drop-hover");
            }
            event.consume();
        });
        zone.setOnDragExited(event -> zone.getStyleClass().remove("drop-hover"));
        zone.setOnDragDropped(event -> {
            boolean ok = event.getDragboard().hasFiles() && !event.getDragboard().getFiles().isEmpty();
            if (ok) {
                File first = event.getDragboard().getFiles().get(0);
                model.setFolder(first.toPath());
            }
            event.setDropCompleted(ok);
            event.consume();
        });
        return zone;
    }

    private VBox facts(ModelViewModel model) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        String[] names = {"Architecture", "Image tower", "Text tower", "Embedding width", "Parameters", "Weights",
            "Tokenizer", "Preprocessing"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            grid.add(Ui.label(names[i], "fact-name"), 0, i);
            Label value = new Label();
            value.getStyleClass().add("fact-value");
            value.textProperty().bind(Bindings.createStringBinding(
                    () -> fact(model.descriptionProperty().get(), index), model.descriptionProperty()));
            grid.add(value, 1, i);
        }
        return Ui.card("What it is", grid);
    }

    private static String fact(ModelDescription d, int index) {
        if (d == null) {
            return "—";
        }
        return switch (index) {
            case 0 -> d.architecture();
            case 1 -> d.vision();
            case 2 -> d.text();
            case 3 -> Integer.toString(d.projection());
            case 4 -> Formats.count(d.parameters()) + " (" + Formats.parameters(d.parameters()) + ")";
            case 5 -> d.dtypes() + ", " + Formats.bytes(d.bytes()) + " in " + d.files() + (d.files() == 1 ? " file" : " files");
            case 6 -> d.tokenizer();
            default -> d.preprocessor();
        };
    }

    private VBox loading(ModelViewModel model) {
        ComboBox<String> device = new ComboBox<>();
        device.getItems().setAll(ModelViewModel.DEVICES);
        device.valueProperty().bindBidirectional(model.deviceProperty());
        device.disableProperty().bind(model.loadingProperty());
        device.setId("device");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.setPrefWidth(260);
        Label status = Ui.bound(model.statusProperty(), "status");
        status.setId("model-status");
        Label gpus = Ui.bound(model.gpusProperty(), "hint");
        return Ui.card("Load", Ui.row(new Label("Device"), device, Ui.button("Load", model.loadCommand(), "Ctrl+L"),
                Ui.button("Unload", model.unloadCommand())), Ui.row(bar, status), gpus,
                Ui.label("“auto” uses a GPU when DJL finds one (the CUDA build of PyTorch), else the CPU.", "hint"));
    }
}
