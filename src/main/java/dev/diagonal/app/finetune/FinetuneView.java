package dev.diagonal.app.finetune;

import dev.diagonal.app.common.LiveChart;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.common.Ui;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.StepEvent;
import dev.diagonal.train.Setting;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The fine-tune screen: the run's setup on the left, its live curves, similarities and warnings on the right. */
public final class FinetuneView extends BorderPane {

    /** @param thumbnails decodes the similarity heatmap's probe images, shared with the other screens */
    public FinetuneView(FinetuneViewModel model, ThumbnailLoader thumbnails) {
        getStyleClass().add("screen");
        Button start = Ui.button("Start", model.startCommand(), "Ctrl+Enter");
        start.getStyleClass().add("primary");
        start.setId("start-training");
        setTop(Ui.header("Fine-tune", "Contrastive (FLYP), LoRA, a linear probe or Tip-Adapter(-F); every run is saved.",
                start, Ui.button("Stop", model.stopCommand(), "Ctrl+Shift+."),
                Ui.button("Export as a cluster job…", model.clusterJobCommand(), "accelerate/torchrun job; bring it back with import-run")));
        setLeft(setup(model));
        setCenter(live(model.display(), model.heatmap(), model.wiseFt(), thumbnails));
    }

    /** Draws the similarity heatmap once off screen (UI thread), so that a run's first one does not stall the window. */
    public static void warmUp() {
        HeatmapView.warmUp();
    }

    private VBox setup(FinetuneViewModel model) {
        TrainingForm form = model.form();
        ComboBox<String> method = new ComboBox<>(FXCollections.observableArrayList(TrainingForm.METHODS));
        method.valueProperty().bindBidirectional(form.methodProperty());
        ComboBox<DatasetEntry> train = new ComboBox<>(model.entries());
        train.valueProperty().bindBidirectional(model.trainProperty());
        train.setButtonCell(entryCell("choose a dataset", true));
        train.setCellFactory(view -> entryCell("choose a dataset", false));
        ObservableList<DatasetEntry> valChoices = FXCollections.observableArrayList();
        Runnable fill = () -> {
            DatasetEntry chosen = model.valProperty().get();
            valChoices.setAll(model.entries());
            valChoices.add(0, null);
            // replacing the items clears the combo's selection, which would drop the validation set
            model.valProperty().set(valChoices.contains(chosen) ? chosen : null);
        };
        model.entries().addListener((ListChangeListener<DatasetEntry>) change -> fill.run());
        fill.run();
        ComboBox<DatasetEntry> val = new ComboBox<>(valChoices);
        val.valueProperty().bindBidirectional(model.valProperty());
        val.setButtonCell(entryCell("split off the training data", true));
        val.setCellFactory(view -> entryCell("split off the training data", false));
        TextField lr = new TextField();
        lr.textProperty().bindBidirectional(form.lrProperty());
        ComboBox<String> freeze = new ComboBox<>(FXCollections.observableArrayList(TrainingForm.FREEZE_CHOICES));
        freeze.setEditable(true);
        freeze.valueProperty().bindBidirectional(form.freezeProperty());
        ComboBox<String> augment = new ComboBox<>(FXCollections.observableArrayList(TrainingForm.AUGMENT_CHOICES));
        augment.setEditable(true);
        augment.valueProperty().bindBidirectional(form.augmentProperty());
        CheckBox templates = new CheckBox("Wrap captions in the prompt templates");
        templates.selectedProperty().bindBidirectional(form.captionTemplatesProperty());
        ComboBox<String> batches = new ComboBox<>(FXCollections.observableArrayList(TrainingForm.BATCHES_CHOICES));
        batches.valueProperty().bindBidirectional(form.batchesProperty());
        ComboBox<String> device = new ComboBox<>(FXCollections.observableArrayList("auto", "cpu", "gpu"));
        device.valueProperty().bindBidirectional(form.deviceProperty());
        Spinner<Integer> valPercent = new Spinner<>(0, 90, (int) Math.round(form.valFractionProperty().get() * 100), 5);
        valPercent.valueProperty().addListener((obs, old, value) -> form.valFractionProperty().set(value / 100.0));

        TextField loraAlpha = new TextField();
        loraAlpha.textProperty().bindBidirectional(form.loraAlphaProperty());
        TextField loraDropout = new TextField();
        loraDropout.textProperty().bindBidirectional(form.loraDropoutProperty());
        ComboBox<String> loraTargets = new ComboBox<>(FXCollections.observableArrayList(TrainingForm.LORA_TARGET_CHOICES));
        loraTargets.setEditable(true);
        loraTargets.valueProperty().bindBidirectional(form.loraTargetsProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        SettingRows rows = new SettingRows(grid, form);
        rows.add(null, "Method", method, "finetune-method");
        rows.add(null, "Training data", train, null);
        rows.add(null, "Validation", val, "finetune-val");
        rows.add(Setting.VAL_FRACTION, "Split off %", valPercent, "finetune-val-percent");
        rows.add(Setting.EPOCHS, "Epochs (0: auto)", Ui.spinner(0, 1000, 1, form.epochsProperty()), "finetune-epochs");
        rows.add(Setting.BATCH_SIZE, "Batch size", Ui.spinner(2, 4096, 8, form.batchSizeProperty()), "finetune-batch-size");
        rows.add(Setting.BATCHES, "Labelled batches", batches, "finetune-batches");
        rows.add(Setting.LR, "Learning rate", lr, "finetune-lr");
        rows.add(Setting.SHOTS, "Shots per class", Ui.spinner(0, 100_000, 1, form.shotsProperty()), "finetune-shots");
        rows.add(Setting.FREEZE, "Freeze", freeze, "finetune-freeze");
        rows.add(Setting.AUGMENT, "Augment", augment, "finetune-augment");
        rows.add(Setting.LORA_RANK, "LoRA rank", Ui.spinner(1, 1024, 1, form.loraRankProperty()), "lora-rank");
        rows.add(Setting.LORA_ALPHA, "LoRA alpha", loraAlpha, "lora-alpha");
        rows.add(Setting.LORA_DROPOUT, "LoRA dropout", loraDropout, "lora-dropout");
        rows.add(Setting.LORA_TARGETS, "LoRA targets", loraTargets, "lora-targets");
        rows.add(Setting.PROBE_SIZE, "Probe size", Ui.spinner(2, 1024, 4, form.probeSizeProperty()), "finetune-probe-size");
        rows.add(Setting.SEED, "Seed", Ui.spinner(0, Integer.MAX_VALUE, 1, form.seedProperty()), "finetune-seed");
        rows.add(Setting.DEVICE, "Device", device, "finetune-device");
        rows.add(Setting.CAPTION_TEMPLATES, null, templates, "finetune-templates");
        rows.layout();
        grid.disableProperty().bind(model.runningProperty());
        Label hint = Ui.bound(Bindings.concat("Shots 0 trains on every image. ", form.descriptionProperty()), "hint");
        hint.setId("finetune-method-hint");
        VBox box = Ui.card("Run", grid, hint);
        box.setPrefWidth(330);
        box.setMaxWidth(330);
        BorderPane.setMargin(box, new javafx.geometry.Insets(0, 10, 0, 0));
        return box;
    }

    /** A dataset cell; {@code none} names the null choice (the button cell shows it for no value too). */
    private static ListCell<DatasetEntry> entryCell(String none, boolean button) {
        return new ListCell<>() {
            @Override
            protected void updateItem(DatasetEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty && !button ? null : item == null ? none
                        : item.name() + " (" + item.role().label() + (item.role().heldOut() ? ", held out" : "") + ")");
            }
        };
    }

    private VBox live(RunDisplay model, HeatmapViewModel heatmap, WiseFtControl wiseFt, ThumbnailLoader thumbnails) {
        ProgressBar bar = new ProgressBar(0);
        bar.progressProperty().bind(model.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label status = Ui.bound(model.statusProperty(), "status");
        status.setId("finetune-status");
        Label plan = Ui.bound(model.planProperty(), "hint");
        Label metrics = Ui.bound(model.metricsProperty(), "status");

        XYSeries loss = new XYSeries("loss", true, true);
        Consumer<StepEvent> plot = s -> loss.add(s.step(), s.loss(), false);
        XYSeriesCollection lossData = new XYSeriesCollection(loss);
        model.steps().addListener((ListChangeListener<StepEvent>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && model.steps().isEmpty()) {
                    loss.clear();
                }
                change.getAddedSubList().forEach(plot);
            }
            loss.fireSeriesChanged();
        });
        model.steps().forEach(plot); // a run shown before this view was made
        loss.fireSeriesChanged();
        XYSeries metric = new XYSeries("metric", true, true);
        ComboBox<String> metricChoice = new ComboBox<>();
        Runnable redraw = () -> LiveCharts.fill(metric, metricChoice.getValue(), model.evaluations());
        Runnable refreshMetrics = () -> {
            String chosen = metricChoice.getValue();
            metricChoice.getItems().setAll(LiveCharts.metricNames(model.evaluations()));
            metricChoice.setValue(metricChoice.getItems().contains(chosen) ? chosen
                    : metricChoice.getItems().isEmpty() ? null : metricChoice.getItems().get(0));
            redraw.run();
        };
        model.evaluations().addListener((ListChangeListener<EvaluationEvent>) change -> refreshMetrics.run());
        metricChoice.valueProperty().addListener((obs, old, name) -> redraw.run());
        refreshMetrics.run();
        LiveChart metricChart = new LiveChart(LiveCharts.lines(null, null, new XYSeriesCollection(metric), true));
        VBox evaluation = new VBox(6, Ui.row(new Label("Metric"), metricChoice), metricChart.viewer());
        VBox.setVgrow(metricChart.viewer(), Priority.ALWAYS);
        HeatmapPane similarity = new HeatmapPane(heatmap, visibleProperty(), thumbnails);
        ListView<String> warnings = new ListView<>(model.warnings());
        warnings.setPlaceholder(new Label("No warnings"));

        Tab warningTab = new Tab();
        warningTab.textProperty().bind(Bindings.size(model.warnings()).asString("Warnings (%d)"));
        warningTab.setContent(warnings);
        LiveChart lossChart = new LiveChart(LiveCharts.lines(null, "loss", lossData, false));
        Tab lossTab = new Tab("Loss", lossChart.viewer());
        Tab evaluationTab = new Tab("Evaluation", evaluation);
        // hidden with the screen too (the workbench keeps every screen in the scene)
        lossChart.showingWhen(lossTab.selectedProperty().and(visibleProperty()));
        metricChart.showingWhen(evaluationTab.selectedProperty().and(visibleProperty()));
        TabPane tabs = new TabPane(lossTab, MarginChart.tab(model.replay(), visibleProperty()), evaluationTab, warningTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("finetune-tabs");
        // the heatmap beside the curves: how the diagonal sharpens is the point of watching a run
        SplitPane charts = new SplitPane(tabs, similarity);
        charts.setDividerPositions(0.42); // the heatmap gets the larger share: its cells grow with the width
        VBox.setVgrow(charts, Priority.ALWAYS);
        return Ui.card(null, status, bar, plan, metrics, wiseFtRow(wiseFt), charts);
    }

    /** The WiSE-FT α slider, shown for a completed contrastive or LoRA run. */
    private static javafx.scene.Node wiseFtRow(WiseFtControl wiseFt) {
        javafx.scene.control.Slider alpha = new javafx.scene.control.Slider(0, 1, 1);
        alpha.setId("wise-ft-alpha");
        alpha.setMajorTickUnit(0.25);
        alpha.setMinorTickCount(4);
        alpha.setSnapToTicks(true); // steps of 0.05
        alpha.setBlockIncrement(0.05);
        alpha.setPrefWidth(220);
        alpha.setMinWidth(160);
        alpha.valueProperty().bindBidirectional(wiseFt.alphaProperty());
        Label result = Ui.bound(wiseFt.statusProperty(), "hint");
        result.setId("wise-ft-status");
        javafx.scene.layout.HBox.setHgrow(result, Priority.ALWAYS);
        Label title = new Label("WiSE-FT α");
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox row = Ui.row(title, alpha, result);
        row.visibleProperty().bind(wiseFt.availableProperty());
        row.managedProperty().bind(wiseFt.availableProperty());
        return row;
    }
}
