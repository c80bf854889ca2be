package dev.diagonal.app.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The dialogs view models may ask for; the workbench shows real ones, tests answer with canned values. */
public interface DialogService {

    /** An error: a short message and, behind an expander, the details (cause chain, stack trace). */
    void showError(String title, Throwable error);

    /** An error without an exception behind it. */
    void showError(String title, String message);

    /** Asks a yes/no question; true when the user confirms. */
    boolean confirm(String title, String message);

    /** Asks for a line of text, pre-filled with {@code initial}. */
    Optional<String> askText(String title, String prompt, String initial);

    /** Chooses a folder. */
    Optional<Path> chooseDirectory(String title, Path initial);

    /** Chooses a file among {@code extensions} (like {@code "*.csv"}); {@code description} names them. */
    Optional<Path> chooseFile(String title, Path initial, String description, List<String> extensions);

    /**
     * Chooses where to save a file among {@code extensions} (like {@code "*.csv"}), suggesting {@code fileName}
     * in {@code initial}'s folder.
     */
    Optional<Path> chooseSaveFile(String title, Path initial, String fileName, String description, List<String> extensions);

    /** Opens a folder in the system's file manager. */
    void openFolder(Path folder);
}
