package dev.diagonal.app;

import dev.diagonal.app.common.FxTaskRunner;
import dev.diagonal.app.common.ThumbnailLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Waits until the workbench is quiet (no task running, no thumbnail loading, for a second of wall-clock
 * time), lets the redraws already queued on the UI thread run, then writes the scene to a PNG and
 * reports an exit code: 0 written, 1 failed.
 */
final class SnapshotWriter {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final Duration POLL = Duration.millis(250);
    private static final long TIMEOUT_NANOS = 300_000_000_000L;

    private final Scene scene;
    private final FxTaskRunner runner;
    private final ThumbnailLoader thumbnails;
    private final Path file;
    private final IntConsumer done;
    private final long deadline = System.nanoTime() + TIMEOUT_NANOS;
    private long quietSince = -1;

    SnapshotWriter(Scene scene, FxTaskRunner runner, ThumbnailLoader thumbnails, Path file, IntConsumer done) {
        this.scene = scene;
        this.runner = runner;
        this.thumbnails = thumbnails;
        this.file = file;
        this.done = done;
    }

    void start() {
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(POLL, event -> {
            // a timeline catches up on cycles missed while the UI thread was busy (several polls in one
            // pulse), so quiet is measured on the clock, not counted in polls
            long now = System.nanoTime();
            boolean idle = runner.countProperty().get() == 0 && thumbnails.isIdle();
            quietSince = !idle ? -1 : quietSince < 0 ? now : quietSince;
            boolean late = now > deadline;
            if (idle && now - quietSince >= QUIET_NANOS || late) {
                poll.stop();
                if (late) {
                    System.err.println("diagonal: snapshot: still busy after 5 minutes; writing what is shown");
                }
                // redraws queued by the last updates (charts, heatmap) run before the picture is taken
                Platform.runLater(() -> done.accept(write()));
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private int write() {
        try {
            WritableImage image = scene.snapshot(null);
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", absolute.toFile())) {
                System.err.println("diagonal: snapshot: no PNG writer");
                return 1;
            }
            System.out.println("snapshot written to " + absolute + " (" + (int) image.getWidth() + "x" + (int) image.getHeight() + ")");
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("diagonal: snapshot: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
