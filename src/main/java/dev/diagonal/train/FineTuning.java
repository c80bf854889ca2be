package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.io.FileTrees;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import java.util.function.BooleanSupplier;

/**
 * The one entry point of every adaptation {@link Method}: the command line, the workbench and the demo
 * {@link #start} a run and {@link #resume} one the same way. Runs report only through a
 * {@link TrainingListener} and stop between steps when {@code cancelled} says so (pausing is cancelling
 * and resuming later). The run folder's lock is held throughout.
 */
public final class FineTuning {

    private FineTuning() {}

    /**
     * Starts a new run of {@code request.config().method()}.
     *
     * @param where the run folder to create (see {@link RunDestination})
     * @throws InvalidSettingException for a setting the method cannot use (the settings themselves are
     *     checked when the config is built)
     * @throws DiagonalException for training or validation data that a project holds out as a test or shift
     *     set ({@link HeldOutData}), unusable data (with the validation report), a model that cannot be
     *     loaded, or a folder that already holds something; nothing is left behind then. Failures after the
     *     run started are marked FAILED in {@code run.json} before they are thrown
     */
    public static TrainingResult start(RunDestination where, TrainingRequest request, TrainingListener listener,
            BooleanSupplier cancelled) {
        Method method = Methods.named(request.config().method());
        HeldOutData.check(request);
        ClipConfig.read(request.modelDir());
        RunDestination.Created created = where.create(method.name());
        RunFolder run = created.run();
        RunLock lock = run.lock();
        try {
            TrainingResult result = method.start(run, request, listener, cancelled);
            removeUnstarted(created, lock); // e.g. cancelled before the run began
            return result;
        } catch (RuntimeException e) {
            removeUnstarted(created, lock);
            throw e;
        } finally {
            lock.close();
        }
    }

    /** Leaves no half-made run behind when nothing started (no {@code run.json}). */
    private static void removeUnstarted(RunDestination.Created created, RunLock lock) {
        RunFolder run = created.run();
        if (!run.hasRunJson()) {
            lock.close();
            if (created.made()) {
                FileTrees.delete(run.path());
            } else {
                run.lockFile().toFile().delete();
            }
        }
    }

    /**
     * Continues a run from where it stopped (for contrastive runs: the latest checkpoint; with the same
     * data, the result equals that of an uninterrupted run).
     *
     * @throws DiagonalException when the folder holds no run, the run is live in another process, already
     *     completed or of a method that does not resume, or its model or data are gone
     */
    public static TrainingResult resume(RunFolder run, TrainingListener listener, BooleanSupplier cancelled) {
        if (!run.hasRunJson()) {
            throw new DiagonalException("no run to resume in " + run.path() + " (no run.json)");
        }
        try (RunLock lock = run.lock()) {
            RunInfo info = run.readRunJson();
            Method method = Methods.find(info.method()).filter(Method::resumable).orElseThrow(() ->
                    new DiagonalException("run " + run.id() + " is a " + info.method() + " run; only "
                            + String.join(", ", Methods.names().stream().filter(n -> Methods.named(n).resumable()).toList())
                            + " runs resume"));
            if (info.status() == RunStatus.COMPLETED) {
                throw new DiagonalException("run " + run.id() + " has already completed");
            }
            return method.resume(run, info, listener, cancelled);
        }
    }
}
