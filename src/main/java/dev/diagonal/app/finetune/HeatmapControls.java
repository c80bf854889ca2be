package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Ui;
import dev.diagonal.project.SimilaritySnapshot;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

/**
 * The heatmap's second row of controls: Before | After | Difference, the step to compare with (what Before
 * shows and Difference subtracts; the slider picks the other step), the order of rows and columns, and the
 * PNG / CSV export.
 */
final class HeatmapControls extends FlowPane {

    HeatmapControls(HeatmapViewModel model) {
        super(10, 6);
        SimilarityReplay replay = model.replay();
        BooleanBinding fewerThanTwo = Bindings.size(replay.snapshots()).lessThan(2);
        getChildren().addAll(modes(model, fewerThanTwo), compareWith(replay, fewerThanTwo), sort(model),
                exports(model));
    }

    /** The three views as one segmented toggle that always has one of them pressed. */
    private static SegmentedButton modes(HeatmapViewModel model, BooleanBinding fewerThanTwo) {
        Map<HeatmapViewModel.Mode, ToggleButton> buttons = new EnumMap<>(HeatmapViewModel.Mode.class);
        buttons.put(HeatmapViewModel.Mode.BEFORE, toggle("Before", "similarity-before",
                "Show the step chosen under \"Compare with\" (the first snapshot unless changed)"));
        buttons.put(HeatmapViewModel.Mode.AFTER, toggle("After", "similarity-after", "Show the slider's step"));
        buttons.put(HeatmapViewModel.Mode.DIFFERENCE, toggle("Difference", "similarity-difference",
                "The slider's step minus the compared step: red where the similarity rose, blue where it fell"));
        buttons.get(HeatmapViewModel.Mode.BEFORE).disableProperty().bind(fewerThanTwo);
        buttons.get(HeatmapViewModel.Mode.DIFFERENCE).disableProperty().bind(fewerThanTwo);
        SegmentedButton segmented = new SegmentedButton(buttons.values().toArray(ToggleButton[]::new));
        ToggleGroup group = segmented.getToggleGroup();
        boolean[] syncing = {false};
        Runnable fromModel = () -> {
            syncing[0] = true;
            group.selectToggle(buttons.get(model.modeProperty().get()));
            syncing[0] = false;
        };
        model.modeProperty().addListener((obs, old, mode) -> fromModel.run());
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (syncing[0]) {
                return;
            }
            if (toggle == null) { // pressing the pressed button would leave none pressed
                fromModel.run();
                return;
            }
            buttons.forEach((mode, button) -> {
                if (button == toggle) {
                    model.modeProperty().set(mode);
                }
            });
        });
        fromModel.run();
        return segmented;
    }

    private static ToggleButton toggle(String text, String id, String tip) {
        ToggleButton button = new ToggleButton(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** "Compare with step …": any snapshot of the run as the baseline, kept in step with the replay's index. */
    private static HBox compareWith(SimilarityReplay replay, BooleanBinding fewerThanTwo) {
        ChoiceBox<SimilaritySnapshot> steps = new ChoiceBox<>(FXCollections.observableArrayList(replay.snapshots()));
        steps.setId("similarity-baseline");
        steps.setConverter(new StringConverter<>() {
            @Override
            public String toString(SimilaritySnapshot snapshot) {
                return snapshot == null ? "" : "step " + snapshot.step();
            }

            @Override
            public SimilaritySnapshot fromString(String text) {
                return null;
            }
        });
        steps.setTooltip(new Tooltip("The step Before shows and Difference subtracts from the slider's step"));
        boolean[] syncing = {false};
        Runnable fromReplay = () -> {
            syncing[0] = true;
            if (!steps.getItems().equals(replay.snapshots())) {
                steps.getItems().setAll(replay.snapshots());
            }
            int index = Math.max(0, Math.min(replay.baselineIndexProperty().get(), steps.getItems().size() - 1));
            steps.getSelectionModel().select(steps.getItems().isEmpty() ? -1 : index);
            syncing[0] = false;
        };
        replay.snapshots().addListener((ListChangeListener<SimilaritySnapshot>) change -> fromReplay.run());
        replay.baselineIndexProperty().addListener((obs, old, index) -> fromReplay.run());
        steps.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (!syncing[0] && index.intValue() >= 0) {
                replay.baselineIndexProperty().set(index.intValue());
            }
        });
        steps.disableProperty().bind(fewerThanTwo);
        fromReplay.run();
        return labelled("Compare with", steps);
    }

    private static HBox sort(HeatmapViewModel model) {
        ChoiceBox<HeatmapOrder.Sort> sort = new ChoiceBox<>(FXCollections.observableArrayList(HeatmapOrder.Sort.values()));
        sort.setId("similarity-sort");
        sort.valueProperty().bindBidirectional(model.sortProperty());
        sort.setTooltip(new Tooltip("Order of the images and captions; each image keeps its caption on the diagonal"));
        return labelled("Sort by", sort);
    }

    private static HBox exports(HeatmapViewModel model) {
        Button png = Ui.button("Export PNG", model.exportPngCommand(), "The heatmap as shown, with thumbnails and its colour bar");
        png.setId("similarity-export-png");
        Button csv = Ui.button("Export CSV", model.exportCsvCommand(), "The matrix as shown: one line per image, one column per caption");
        csv.setId("similarity-export-csv");
        return Ui.row(png, csv);
    }

    private static HBox labelled(String text, javafx.scene.Node control) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return Ui.row(label, control);
    }
}
