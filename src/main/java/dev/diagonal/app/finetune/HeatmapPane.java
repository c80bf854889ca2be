package dev.diagonal.app.finetune;

import dev.diagonal.app.common.CoalescedRedraw;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The probe batch's similarity heatmap as an instrument: a step slider over every snapshot so far (at the
 * right end it follows the newest), Before | After | Difference against a step to compare with, the order of
 * rows and columns, PNG / CSV export, and below the matrix the click-through detail and the hardest negatives.
 */
final class HeatmapPane extends VBox {

    /**
     * @param screenShown whether the screen holding the pane is shown (the heatmap redraws only then)
     * @param thumbnails decodes the probe images shown down the rows, in the detail and the gallery
     */
    HeatmapPane(HeatmapViewModel model, ObservableBooleanValue screenShown, ThumbnailLoader thumbnails) {
        super(6);
        SimilarityReplay replay = model.replay();
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
        slider.disableProperty().bind(Bindings.size(replay.snapshots()).lessThan(2).or(replay.beforeProperty()));
        Label step = Ui.bound(replay.labelProperty(), "hint");
        step.setId("similarity-label");
        step.setWrapText(false);
        step.setMinWidth(Region.USE_PREF_SIZE);
        Label stepTitle = new Label("Step");
        stepTitle.setMinWidth(Region.USE_PREF_SIZE);
        Label note = Ui.bound(model.noteProperty(), "hint");
        note.setId("similarity-note");
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        HeatmapView chart = new HeatmapView(thumbnails);
        Label empty = Ui.bound(replay.emptyTextProperty(), "hint");
        empty.setId("similarity-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        empty.visibleProperty().bind(replay.shownProperty().isNull());
        // one redraw per burst of snapshots (or slider moves, or a change of view), only while the heatmap is showing
        CoalescedRedraw rebuild = new CoalescedRedraw(Platform::runLater, () -> {
            HeatmapFrame frame = model.render();
            if (frame != null) {
                chart.show(frame);
            }
        });
        chart.visibleProperty().bind(replay.shownProperty().isNotNull());
        model.onChange(rebuild::request);
        Runnable showing = () -> rebuild.setShowing(getScene() != null && screenShown.get());
        showing.run();
        sceneProperty().addListener((obs, old, scene) -> showing.run());
        screenShown.addListener((obs, old, shown) -> showing.run());
        StackPane area = new StackPane(chart, empty);

        ProbeDetailPane detail = new ProbeDetailPane(model.detail(), thumbnails);
        // in a scroll pane: the split may make the panel shorter than its content, and its minimum must not move the divider
        javafx.scene.control.ScrollPane detailScroll = new javafx.scene.control.ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        Tab detailTab = new Tab("Detail", detailScroll);
        detailTab.setId("similarity-detail-tab");
        Tab negativesTab = new Tab("Hardest negatives", new NegativesGallery(model.negatives(), thumbnails,
                row -> model.detail().selectRow(row)));
        TabPane below = new TabPane(negativesTab, detailTab);
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        below.setId("similarity-below");
        // a click (or a card of the gallery) brings its detail to the front
        model.detail().detailProperty().addListener((obs, old, d) -> {
            if (d != null && (old == null || old.row() != d.row() || old.index() != d.index())) {
                below.getSelectionModel().select(detailTab);
            }
        });
        chart.setOnPick(model.detail()::selectRow, model.detail()::selectColumn);
        // a band below the matrix, as tall as its tab needs (five lines of detail, one row of cards), the matrix
        // takes the rest: a split pane's divider landed wherever its first layout put it
        below.prefHeightProperty().bind(Bindings.when(detailTab.selectedProperty()).then(172).otherwise(112));
        below.setMinHeight(Region.USE_PREF_SIZE);
        area.setPrefHeight(120); // the matrix grows into what the band leaves, rather than squeezing the band
        area.setMinHeight(60);
        VBox.setVgrow(area, Priority.ALWAYS);
        getChildren().addAll(Ui.row(stepTitle, slider, step), new HeatmapControls(model), note, area, below);
        fromReplay.run();
        rebuild.request();
    }
}
