package dev.diagonal.app.common;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Dialogs for view-model tests: answers come from queues the test fills; errors are recorded. */
public final class RecordingDialogs implements DialogService {

    public final List<String> errors = new ArrayList<>();
    public final List<String> questions = new ArrayList<>();
    public final List<Path> opened = new ArrayList<>();
    public final Deque<Boolean> confirmations = new ArrayDeque<>();
    public final Deque<Path> directories = new ArrayDeque<>();
    public final Deque<Path> files = new ArrayDeque<>();
    public final Deque<String> texts = new ArrayDeque<>();

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + Errors.message(error));
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message) {
        questions.add(message);
        return !confirmations.isEmpty() && confirmations.pop();
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        return Optional.ofNullable(texts.poll());
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        return Optional.ofNullable(directories.poll());
    }

    @Override
    public Optional<Path> chooseFile(String title, Path initial, String description, List<String> extensions) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initial, String fileName, String description, List<String> extensions) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public void openFolder(Path folder) {
        opened.add(folder);
    }
}
