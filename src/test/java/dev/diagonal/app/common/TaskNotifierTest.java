package dev.diagonal.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.DiagonalException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskNotifierTest {

    @Test
    void failuresGetANotificationAndADialogQuietSuccessesNothing() {
        RecordingDialogs dialogs = new RecordingDialogs();
        TaskNotifier notifier = new TaskNotifier(dialogs);
        List<String> shown = new ArrayList<>();
        notifier.setNotifications(shown::add);

        notifier.succeeded("Reading model", true);
        notifier.succeeded("Zero-shot on bench", false);
        notifier.cancelled("Zero-shot on bench");
        notifier.failed("Loading dataset x", new DiagonalException("dataset not found: x.csv"));
        notifier.failed("Loading dataset y", new IllegalStateException("boom"));

        assertThat(shown).containsExactly("✔ Zero-shot on bench: done", "■ Zero-shot on bench: cancelled",
                "✖ Loading dataset x: failed — dataset not found: x.csv",
                "✖ Loading dataset y: failed — internal error (IllegalStateException): boom");
        assertThat(dialogs.errors).containsExactly("Loading dataset x failed: dataset not found: x.csv",
                "Loading dataset y failed: internal error (IllegalStateException): boom");
    }

    @Test
    void aDisabledCommandDoesNotRun() {
        javafx.beans.property.SimpleBooleanProperty allowed = new javafx.beans.property.SimpleBooleanProperty(false);
        int[] runs = {0};
        Command command = new Command(() -> runs[0]++, allowed);
        assertThat(command.execute()).isFalse();
        allowed.set(true);
        assertThat(command.execute()).isTrue();
        assertThat(runs[0]).isEqualTo(1);
    }
}
