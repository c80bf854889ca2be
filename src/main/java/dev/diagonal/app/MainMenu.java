package dev.diagonal.app;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Session;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** The menu bar; its accelerators are the workbench's keyboard shortcuts. */
final class MainMenu {

    static final String SHORTCUTS = String.join("\n",
            "Ctrl+N   new project", "Ctrl+O   open project", "Ctrl+1 … Ctrl+8   go to a screen",
            "Ctrl+M   choose model folder", "Ctrl+L   load model", "Ctrl+I   import dataset folder",
            "Ctrl+Shift+I   import dataset manifest", "Ctrl+R   run zero-shot", "Ctrl+.   cancel zero-shot",
            "Ctrl+Enter   start fine-tuning", "Ctrl+Shift+.   stop fine-tuning", "Ctrl+E   export the chosen run",
            "F5   refresh runs / reload dataset", "Ctrl+T   show or hide the task panel", "Ctrl+Q   quit");

    private MainMenu() {}

    static MenuBar create(MainViewModel main, Screens screens, Runnable toggleTasks) {
        Session session = main.session();
        Menu recent = new Menu("Recent projects");
        recent.setOnShowing(event -> fillRecent(recent, screens));
        fillRecent(recent, screens);
        MenuItem quit = item("Quit", "Shortcut+Q", Platform::exit);
        Menu file = new Menu("File", null,
                item("New project…", "Shortcut+N", screens.project.newProjectCommand()),
                item("Open project…", "Shortcut+O", screens.project.openProjectCommand()),
                item("Open sample project", null, screens.project.openSampleCommand()),
                recent, new SeparatorMenuItem(), quit);

        Menu go = new Menu("Go");
        for (Screen screen : Screen.values()) {
            go.getItems().add(item(screen.title(), "Shortcut+" + (screen.ordinal() + 1), () -> main.show(screen)));
        }

        Menu actions = new Menu("Actions", null,
                item("Choose model folder…", "Shortcut+M", then(main, Screen.MODEL, screens.model.chooseCommand())),
                item("Load model", "Shortcut+L", then(main, Screen.MODEL, screens.model.loadCommand())),
                new SeparatorMenuItem(),
                item("Import dataset folder…", "Shortcut+I", then(main, Screen.DATASET, screens.dataset.importFolderCommand())),
                item("Import dataset manifest…", "Shortcut+Shift+I", then(main, Screen.DATASET, screens.dataset.importManifestCommand())),
                new SeparatorMenuItem(),
                item("Run zero-shot", "Shortcut+R", then(main, Screen.ZEROSHOT, screens.zeroShot.runCommand())),
                item("Cancel zero-shot", "Shortcut+Period", screens.zeroShot.cancelCommand()),
                new SeparatorMenuItem(),
                item("Start fine-tuning", "Shortcut+Enter", then(main, Screen.FINETUNE, screens.finetune.startCommand())),
                item("Stop fine-tuning", "Shortcut+Shift+Period", screens.finetune.stopCommand()),
                item("Export run", "Shortcut+E", then(main, Screen.EXPORT, screens.export.exportCommand())),
                new SeparatorMenuItem(),
                item("Refresh", "F5", () -> {
                    if (main.screenProperty().get() == Screen.RUNS) {
                        screens.runs.refreshCommand().execute();
                    } else if (main.screenProperty().get() == Screen.DATASET) {
                        screens.dataset.reloadCommand().execute();
                    }
                }),
                item("Show or hide tasks", "Shortcut+T", toggleTasks));

        Menu help = new Menu("Help", null, item("Keyboard shortcuts", "F1", () -> info("Keyboard shortcuts", SHORTCUTS)),
                item("About Diagonal", null, () -> info("About Diagonal", "Diagonal: a workbench for adapting CLIP "
                        + "image-text models.\nInstallation: " + session.paths().root())));
        MenuBar bar = new MenuBar(file, go, actions, help);
        bar.setId("main-menu");
        return bar;
    }

    private static void fillRecent(Menu recent, Screens screens) {
        recent.getItems().clear();
        for (Path path : screens.project.recent()) {
            MenuItem entry = new MenuItem(path.toString());
            entry.setMnemonicParsing(false);
            entry.setOnAction(e -> screens.project.open(path));
            recent.getItems().add(entry);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    private static Runnable then(MainViewModel main, Screen screen, Command command) {
        return () -> {
            main.show(screen);
            command.execute();
        };
    }

    private static MenuItem item(String text, String accelerator, Command command) {
        MenuItem item = item(text, accelerator, command::execute);
        item.disableProperty().bind(command.executableProperty().not());
        return item;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(event -> action.run());
        return item;
    }

    private static void info(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.showAndWait();
    }
}
