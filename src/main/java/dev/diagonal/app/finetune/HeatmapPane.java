package dev.diagonal.app.finetune;

import dev.diagonal.app.common.CoalescedRedraw;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import dev.diagonal.project.SimilaritySnapshot;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The probe batch's similarity heatmap with a step slider over every snapshot so far (at the right end
 * it follows the newest) and a "Before" toggle that shows the first snapshot for comparison.
 */
final class HeatmapPane extends VBox {

    /**
     * @param screenShown whether the screen holding the pane is shown (the heatmap redraws only then)
     * @param thumbnails decodes the probe images shown down the rows
     */
    HeatmapPane(SimilarityReplay replay, ObservableBooleanValue screenShown, ThumbnailLoader thumbnails) {
        super(6);
        Slider slider = new Slider(0, 0, 0);
        slider.setId("similarity-step");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        boolean[] syncing = {false};
        Runnable fromReplay = () -> {
            syncing[0] = true;
            slider.setMax(Math.max(0, replay.snapshots().size() - 1));
            slider.setValue(Math.max(0, replay.selectedIndexProperty().get()));
            syncing[0] = false;
        };
        replay.snapshots().addListener((ListChangeListener<Object>) change -> fromReplay.run());
        replay.selectedIndexProperty().addListener((obs, old, index) -> fromReplay.run());
        slider.valueProperty().addListener((obs, old, value) -> {
            if (!syncing[0]) {
                replay.select((int) Math.round(value.doubleValue()));
            }
        });
        ToggleButton before = new ToggleButton("Before");
        before.setId("similarity-before");
        before.setTooltip(new Tooltip("Show the first snapshot (before training took effect) instead of the chosen step"));
        before.selectedProperty().bindBidirectional(replay.beforeProperty());
        var fewerThanTwo = Bindings.size(replay.snapshots()).lessThan(2);
        before.disableProperty().bind(fewerThanTwo);
        slider.disableProperty().bind(fewerThanTwo.or(replay.beforeProperty()));
        Label step = Ui.bound(replay.labelProperty(), "hint");
        step.setId("similarity-label");
        step.setWrapText(false);
        step.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        before.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label stepTitle = new Label("Step");
        stepTitle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        HeatmapView chart = new HeatmapView(thumbnails);
        Label empty = Ui.bound(replay.emptyTextProperty(), "hint");
        empty.setId("similarity-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        empty.visibleProperty().bind(replay.shownProperty().isNull());
        // one redraw per burst of snapshots (or slider moves), only while the heatmap is showing
        CoalescedRedraw rebuild = new CoalescedRedraw(Platform::runLater, () -> {
            SimilaritySnapshot snapshot = replay.shownProperty().get();
            if (snapshot != null) {
                // one scale over the whole run (and a preview shown instead), so a colour is one cosine at every step
                java.util.List<SimilaritySnapshot> all = new java.util.ArrayList<>(replay.snapshots());
                all.add(snapshot);
                chart.show(snapshot, new SimilarityColors(all), replay.logitScaleAt(snapshot.step()));
            }
        });
        chart.visibleProperty().bind(replay.shownProperty().isNotNull());
        replay.shownProperty().addListener((obs, old, snapshot) -> rebuild.request());
        Runnable showing = () -> rebuild.setShowing(getScene() != null && screenShown.get());
        showing.run();
        sceneProperty().addListener((obs, old, scene) -> showing.run());
        screenShown.addListener((obs, old, shown) -> showing.run());
        StackPane area = new StackPane(chart, empty);
        VBox.setVgrow(area, Priority.ALWAYS);
        getChildren().addAll(Ui.row(stepTitle, slider, step, before), area);
        fromReplay.run();
        rebuild.request();
    }
}
