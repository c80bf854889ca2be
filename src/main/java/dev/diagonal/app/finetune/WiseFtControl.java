package dev.diagonal.app.finetune;

import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.Session;
import dev.diagonal.project.RunFolder;
import dev.diagonal.train.EvaluationLine;
import dev.diagonal.train.Methods;
import dev.diagonal.train.WiseFtPreview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The WiSE-FT α slider of a finished contrastive or LoRA run: moving α re-scores the run's validation set
 * and redraws the probe heatmap for θ = (1−α)·θ_start + α·θ_run ({@link WiseFtPreview}), in the background.
 * Moves are debounced and coalesced: one scoring at a time, each after a short pause, always of the latest α,
 * so a drag ends in one scoring of where it stopped.
 */
public final class WiseFtControl {

    private final Session session;
    private final SimilarityReplay replay;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final DoubleProperty alpha = new SimpleDoubleProperty(1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Duration debounce = Duration.ofMillis(250);
    private Path run;
    // the open preview and its run; opened, used and closed on task threads, under the lock, so that a close
    // never meets a scoring in flight
    private final Object lock = new Object();
    private Path previewRun;
    private WiseFtPreview preview;
    private boolean busy;
    private boolean again;

    WiseFtControl(Session session, SimilarityReplay replay) {
        this.session = session;
        this.replay = replay;
        alpha.addListener((obs, old, value) -> request());
    }

    /**
     * Offers the slider for {@code runDir} when it is a completed contrastive or LoRA run with its best weights
     * (a run shipped without them, as the sample's story run, has none), else hides it (and frees the previous
     * run's preview).
     */
    void setRun(Path runDir, String method, boolean completed) {
        boolean offered = runDir != null && completed && (Methods.CONTRASTIVE.equals(method) || Methods.LORA.equals(method))
                && Files.isDirectory(runDir.resolve(RunFolder.BEST));
        if (offered && runDir.equals(run)) {
            return;
        }
        available.set(false); // resetting α below must not score anything
        run = offered ? runDir : null;
        Path keep = run;
        session.tasks().task("Closing the WiSE-FT preview", context -> {
            synchronized (lock) {
                if (preview != null && !previewRun.equals(keep)) {
                    closePreview();
                }
            }
            return null;
        }).quiet().start();
        alpha.set(1);
        status.set(offered ? "α 1 is the run's best weights, α 0 the model it started from." : "");
        available.set(offered);
    }

    private void request() {
        if (!available.get()) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        again = false;
        Path target = run;
        status.set(String.format(Locale.ROOT, "Scoring α %.2f…", alpha.get()));
        session.tasks().task("WiSE-FT preview", context -> {
            if (!debounce.isZero()) {
                Thread.sleep(debounce.toMillis());
            }
            double a = readAlpha();
            synchronized (lock) {
                if (preview != null && !previewRun.equals(target)) {
                    closePreview();
                }
                if (preview == null) {
                    preview = WiseFtPreview.open(RunFolder.open(target));
                    previewRun = target;
                }
                return preview.score(a);
            }
        }).quiet().onSuccess(score -> {
            if (target.equals(run)) {
                replay.showInstead(score.similarity(), String.format(Locale.ROOT, "WiSE-FT α %.2f", score.alpha()));
                status.set(String.format(Locale.ROOT, "α %.2f: %s", score.alpha(), EvaluationLine.describe(score.metrics()))
                        + (score.bestIsStart() ? " (the run's best weights are the starting model: no evaluation beat it, "
                                + "so every α gives the same model)" : ""));
            }
        }).onFailure(error -> status.set("WiSE-FT: " + Errors.message(error))).onFinally(() -> {
            busy = false;
            if (again && target.equals(run)) {
                request();
            }
        }).start();
    }

    private void closePreview() {
        preview.close();
        preview = null;
        previewRun = null;
    }

    /** α as the UI last set it, read from a task thread. */
    private double readAlpha() throws InterruptedException {
        double[] value = new double[1];
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        session.onUi(() -> {
            value[0] = alpha.get();
            read.countDown();
        });
        read.await();
        return value[0];
    }

    /** How long a move waits for the next before scoring (250 ms; zero in tests). */
    void setDebounce(Duration pause) {
        debounce = pause;
    }

    /** Whether the shown run offers WiSE-FT (a completed contrastive or LoRA run). */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** The run's weight in the interpolation, 0 to 1. */
    public DoubleProperty alphaProperty() {
        return alpha;
    }

    /** The last scoring's metrics in one line, or what is going on. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
