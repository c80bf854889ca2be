package dev.diagonal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.FxTaskRunner;
import dev.diagonal.app.common.TaskNotifier;
import dev.diagonal.app.common.ThumbnailLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** When {@code --snapshot} takes its picture, in a headless toolkit (Monocle). */
class SnapshotWriterTest {

    @TempDir
    Path tmp;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /**
     * A busy UI thread makes a timeline fire its missed polls together; the writer must still wait a
     * second of quiet after the UI thread is free again, and let what that turn queued run first.
     */
    @Test
    void waitsASecondOfQuietAfterTheUiThreadWasBusyAndRunsQueuedUpdatesFirst() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path file = tmp.resolve("shot.png");
        Label label = new Label("before");
        AtomicLong stallEnded = new AtomicLong();
        CompletableFuture<Long> written = new CompletableFuture<>();
        FxTaskRunner runner = new FxTaskRunner(1, new TaskNotifier(new ConsoleDialogService()));
        ThumbnailLoader thumbnails = new ThumbnailLoader(32, 8, 1);
        String[] textWhenWritten = new String[1];
        Platform.runLater(() -> {
            Scene scene = new Scene(label, 200, 100);
            new SnapshotWriter(scene, runner, thumbnails, file, code -> {
                textWhenWritten[0] = label.getText();
                written.complete(System.nanoTime());
            }).start();
            Platform.runLater(() -> {
                sleep(1500); // e.g. a project loading on the UI thread
                stallEnded.set(System.nanoTime());
                Platform.runLater(() -> label.setText("after")); // e.g. a chart redraw it queued
            });
        });

        long doneAt = written.get(30, TimeUnit.SECONDS);
        runner.shutdown();

        assertThat(TimeUnit.NANOSECONDS.toMillis(doneAt - stallEnded.get())).isGreaterThanOrEqualTo(900);
        assertThat(textWhenWritten[0]).isEqualTo("after");
        assertThat(Files.size(file)).isPositive();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
