package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.util.function.BooleanSupplier;

/**
 * One way of adapting a model (contrastive fine-tuning, a linear probe, …). {@link FineTuning} is the
 * only caller: it checks the request, creates the run folder and holds its lock, and removes the folder
 * again when {@link #start} fails before it wrote {@code run.json}. Adding a method is writing one
 * implementation and listing it in {@link Methods}.
 *
 * <p>What an implementation does in {@link #start}: prepare its data (and fail with a
 * {@link DiagonalException} naming the file at fault <em>before</em> writing {@code run.json}), then
 * write {@code run.json} with {@link RunStart#write}, report only through the listener, poll
 * {@code cancelled} between steps and return {@link dev.diagonal.project.RunStatus#CANCELLED} when it
 * says so, and mark {@code run.json} FAILED before rethrowing a failure.
 */
public interface Method {

    /** The name in {@code run.json} and on the command line, e.g. {@code contrastive}. */
    String name();

    /** Whether a stopped or killed run of this method continues with {@link #resume}. */
    boolean resumable();

    /**
     * Runs the method in a new, empty, locked run folder.
     *
     * @param cancelled polled between steps; true stops the run (resumable when {@link #resumable()})
     */
    TrainingResult start(RunFolder run, TrainingRequest request, TrainingListener listener, BooleanSupplier cancelled);

    /**
     * Continues a locked run folder's run from where it stopped; only called when {@link #resumable()}.
     *
     * @param info the run's {@code run.json}, not yet completed
     */
    default TrainingResult resume(RunFolder run, RunInfo info, TrainingListener listener, BooleanSupplier cancelled) {
        throw new DiagonalException("run " + run.id() + " is a " + name() + " run, which does not resume");
    }
}
