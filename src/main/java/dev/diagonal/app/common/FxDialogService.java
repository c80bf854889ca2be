package dev.diagonal.app.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Real dialogs, owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;

    /** Dialogs owned by whatever window {@code owner} gives at the time. */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, Throwable error) {
        show(title, Errors.message(error), Errors.details(error));
    }

    @Override
    public void showError(String title, String message) {
        show(title, message, null);
    }

    private void show(String title, String message, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(new VBox(text));
        if (details != null) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(false);
            area.setPrefRowCount(16);
            VBox.setVgrow(area, Priority.ALWAYS);
            alert.getDialogPane().setExpandableContent(new VBox(new Label("Details:"), area));
        }
        alert.getDialogPane().setId("error-dialog");
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        existing(initial).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initial, String description, List<String> extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        existing(initial).ifPresent(chooser::setInitialDirectory);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, extensions));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initial, String fileName, String description, List<String> extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        existing(initial).ifPresent(chooser::setInitialDirectory);
        chooser.setInitialFileName(fileName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, extensions));
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public void openFolder(Path folder) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String opener = os.contains("win") ? "explorer" : os.contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(opener, folder.toAbsolutePath().toString()).inheritIO().start();
        } catch (IOException e) {
            showError("Cannot open the folder", "Could not start " + opener + " for " + folder
                    + ": " + e.getMessage() + "\nThe folder is: " + folder.toAbsolutePath());
        }
    }

    private static Optional<File> existing(Path initial) {
        if (initial == null) {
            return Optional.empty();
        }
        Path folder = Files.isDirectory(initial) ? initial : initial.getParent();
        return folder != null && Files.isDirectory(folder) ? Optional.of(folder.toFile()) : Optional.empty();
    }
}
