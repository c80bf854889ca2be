package dev.diagonal.app;

import dev.diagonal.app.common.FxTaskRunner;
import dev.diagonal.app.common.TaskNotifier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;

/**
 * The main window's layout: menu bar, navigation on the left, the current screen, a floating task panel
 * that appears while work runs, a notification bar, and a status bar.
 */
final class MainView extends BorderPane {

    private final TaskProgressView<Task<?>> taskView = new TaskProgressView<>();
    private final VBox taskPanel;
    private final ToggleButton tasksButton = new ToggleButton();

    MainView(MainViewModel main, Screens screens, FxTaskRunner runner, TaskNotifier notifier) {
        getStyleClass().add("workbench");
        setTop(MainMenu.create(main, screens, () -> tasksButton.setSelected(!tasksButton.isSelected())));
        setLeft(navigation(main));

        StackPane content = new StackPane();
        content.getStyleClass().add("content");
        // every screen stays in the scene, the hidden ones invisible and unmanaged: a screen entering the
        // scene has the styles of all its nodes computed anew, a 313-445 ms stall at each switch (2 cores)
        // against 74-150 ms this way; their charts count as hidden and do not redraw
        for (Screen screen : Screen.values()) {
            Node view = screens.view(screen);
            view.visibleProperty().bind(main.screenProperty().isEqualTo(screen));
            view.managedProperty().bind(view.visibleProperty());
            content.getChildren().add(view);
        }
        main.screenProperty().addListener((obs, old, screen) -> {
            if (screen == Screen.RUNS) {
                screens.runs.refresh();
            } else if (screen == Screen.EXPORT) {
                screens.export.refresh();
            } else if (screen == Screen.FINETUNE) {
                screens.finetune.followLiveRun();
            }
        });

        taskPanel = taskPanel(runner);
        StackPane layers = new StackPane(content, taskPanel);
        StackPane.setAlignment(taskPanel, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(taskPanel, new Insets(0, 16, 16, 0));
        NotificationPane notifications = new NotificationPane(layers);
        notifications.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        notifications.setShowFromTop(false);
        PauseTransition hide = new PauseTransition(Duration.seconds(5));
        hide.setOnFinished(e -> notifications.hide());
        notifier.setNotifications(text -> {
            notifications.show(text);
            hide.playFromStart();
        });
        setCenter(notifications);
        setBottom(statusBar(main, runner));
    }

    private VBox navigation(MainViewModel main) {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(2);
        nav.getStyleClass().add("nav");
        Label brand = new Label("Diagonal");
        brand.getStyleClass().add("brand");
        nav.getChildren().add(brand);
        for (Screen screen : Screen.values()) {
            ToggleButton button = new ToggleButton(screen.title());
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.getStyleClass().add("nav-button");
            button.setId("nav-" + screen.id());
            button.setTooltip(new Tooltip(screen.title() + " (Ctrl+" + (screen.ordinal() + 1) + ")"));
            button.setOnAction(e -> {
                main.show(screen);
                button.setSelected(true);
            });
            button.setSelected(main.screenProperty().get() == screen);
            main.screenProperty().addListener((obs, old, now) -> button.setSelected(now == screen));
            nav.getChildren().add(button);
        }
        return nav;
    }

    private VBox taskPanel(FxTaskRunner runner) {
        runner.running().addListener((ListChangeListener<Task<?>>) change -> {
            while (change.next()) {
                for (Task<?> task : change.getAddedSubList()) {
                    if (!taskView.getTasks().contains(task)) {
                        taskView.getTasks().add(task);
                    }
                }
            }
        });
        taskView.setPrefSize(360, 220);
        taskView.setId("task-panel");
        Label title = new Label("Tasks");
        title.getStyleClass().add("card-title");
        Label empty = new Label("Nothing is running.");
        empty.getStyleClass().add("hint");
        empty.visibleProperty().bind(Bindings.isEmpty(taskView.getTasks()));
        empty.managedProperty().bind(empty.visibleProperty());
        VBox panel = new VBox(6, title, empty, taskView);
        taskView.visibleProperty().bind(empty.visibleProperty().not());
        taskView.managedProperty().bind(taskView.visibleProperty());
        panel.getStyleClass().addAll("card", "task-panel");
        panel.setPadding(new Insets(10));
        panel.setMaxSize(380, 300);
        // shown when pinned, or when some task has run for more than half a second
        PauseTransition delay = new PauseTransition(Duration.millis(500));
        delay.setOnFinished(e -> panel.setVisible(tasksButton.isSelected() || runner.countProperty().get() > 0));
        runner.countProperty().addListener((obs, old, count) -> {
            if (count.intValue() > 0) {
                delay.playFromStart();
            } else {
                delay.stop();
                panel.setVisible(tasksButton.isSelected());
            }
        });
        tasksButton.selectedProperty().addListener((obs, old, pinned) -> panel.setVisible(pinned || runner.countProperty().get() > 0));
        panel.setVisible(false);
        return panel;
    }

    private StatusBar statusBar(MainViewModel main, FxTaskRunner runner) {
        StatusBar bar = new StatusBar();
        bar.textProperty().bind(main.projectStatusBinding());
        Label model = new Label();
        model.textProperty().bind(main.modelStatusBinding());
        tasksButton.textProperty().bind(Bindings.createStringBinding(() -> {
            int count = runner.countProperty().get();
            return count == 0 ? "Tasks" : "Tasks (" + count + " running)";
        }, runner.countProperty()));
        tasksButton.setTooltip(new Tooltip("Show or hide the task panel (Ctrl+T)"));
        tasksButton.setId("tasks-button");
        bar.getRightItems().addAll(model, tasksButton);
        return bar;
    }
}
