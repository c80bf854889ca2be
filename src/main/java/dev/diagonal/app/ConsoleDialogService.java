package dev.diagonal.app;

import dev.diagonal.app.common.DialogService;
import dev.diagonal.app.common.Errors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Dialogs for snapshot mode, where nobody can answer: errors go to stderr (and make the snapshot fail),
 * questions get "no".
 */
final class ConsoleDialogService implements DialogService {

    private volatile String firstError;

    /** The first error reported, if any. */
    String firstError() {
        return firstError;
    }

    @Override
    public void showError(String title, Throwable error) {
        showError(title, Errors.message(error));
    }

    @Override
    public void showError(String title, String message) {
        System.err.println("diagonal: " + title + ": " + message);
        if (firstError == null) {
            firstError = title + ": " + message;
        }
    }

    @Override
    public boolean confirm(String title, String message) {
        return false;
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initial, String description, List<String> extensions) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initial, String fileName, String description, List<String> extensions) {
        return Optional.empty();
    }

    @Override
    public void openFolder(Path folder) {
        // nothing to open in snapshot mode
    }
}
