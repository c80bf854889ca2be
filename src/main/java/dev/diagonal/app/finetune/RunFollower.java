package dev.diagonal.app.finetune;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.TaskContext;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.MetricsReader;
import dev.diagonal.project.RunEvent;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.RunStore;
import dev.diagonal.project.RunSummary;
import dev.diagonal.project.StepEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a run folder as it grows, for a run written by another process (or one that has ended): each
 * {@link #poll()} returns what was added since the previous one (the {@link dev.diagonal.project.RunEvent}s of
 * {@code metrics.jsonl}, new similarity snapshots) as a {@link TrainingFeed.Update}, with the end status once the run
 * has ended. The events reach the update through the same listener methods as a live run's.
 * The status is read before the files, so the poll that reports the end also has the last records.
 */
final class RunFollower {

    private final RunFolder run;
    private final RunStore store;
    private final Set<Long> snapshotsRead = new HashSet<>();
    private long offset;
    private long lastStep;
    private RunSummary summary;
    private RunStatus status = RunStatus.CREATED;

    RunFollower(RunFolder run) {
        this.run = run;
        this.store = new RunStore(run.path().getParent());
    }

    /** The run being read. */
    RunFolder run() {
        return run;
    }

    /** The run's status as of the last poll (INTERRUPTED for a running run whose process is gone). */
    RunStatus status() {
        return status;
    }

    /** Whether the last poll found the run ended. */
    boolean ended() {
        return status.isFinal();
    }

    /**
     * What the run wrote since the last poll.
     *
     * @throws DiagonalException if the run folder went away or a file in it is not what a run writes
     */
    TrainingFeed.Update poll() {
        summary = summarize();
        status = summary.status();
        MetricsReader.Chunk chunk = run.readEventsFrom(offset);
        offset = chunk.nextOffset();
        // the run's events go through the same listener methods as a live run's
        TrainingFeed gathered = TrainingFeed.gathering();
        chunk.events().stream().filter(RunFollower::worthShowing).forEach(gathered::onEvent);
        for (long step : run.similaritySteps()) {
            if (snapshotsRead.add(step)) {
                gathered.onSimilarity(run.readSimilarity(step));
            }
        }
        TrainingFeed.Update update = gathered.take();
        // the methods without a training loop write evaluations only
        update.steps().forEach(s -> lastStep = Math.max(lastStep, s.step()));
        update.evaluations().forEach(e -> lastStep = Math.max(lastStep, e.step()));
        return update.ending(status.isFinal() ? status : null, status.isFinal() ? summary.message() : null);
    }

    /**
     * Polls until the run ends, handing every update to {@code sink} and waiting {@code interval} between
     * polls, and returns how the run ended in a sentence.
     *
     * @throws java.util.concurrent.CancellationException once {@code context} is cancelled
     */
    String follow(Consumer<TrainingFeed.Update> sink, Duration interval, TaskContext context) throws InterruptedException {
        while (true) {
            context.checkCancelled();
            sink.accept(poll());
            if (ended()) {
                return ending();
            }
            long until = System.nanoTime() + interval.toNanos();
            for (long left = interval.toNanos(); left > 0; left = until - System.nanoTime()) {
                context.checkCancelled();
                Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        }
    }

    /** The run's method as {@code run.json} names it, null when it names none. */
    String method() {
        return summarize().method();
    }

    /** The run's method, start and key hyperparameters in one line, from {@code run.json}. */
    String describe() {
        RunSummary about = summarize();
        String settings = about.keyHyperparameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return "Run " + about.id() + ": " + (about.method() == null ? "unknown method" : about.method())
                + (about.startedAt() == null ? "" : ", started " + Formats.time(about.startedAt()))
                + (settings.isEmpty() ? "" : "; " + settings);
    }

    private String ending() {
        String how = status == RunStatus.INTERRUPTED
                ? " was interrupted at step " + lastStep + ": its process ended without finishing (resume it from the Runs screen)"
                : " " + status.name().toLowerCase(Locale.ROOT) + " at step " + lastStep;
        return "Run " + run.id() + how + bestPart(summary.bestMetric())
                + (summary.message() == null || summary.message().isBlank() ? "." : ". " + summary.message());
    }

    /** {@code "; best zeroshot_top1 0.3125 at step 40"}, with a caveat when that is the starting model; or empty. */
    static String bestPart(BestMetric best) {
        if (best == null) {
            return "";
        }
        String at = best.step() == null ? "" : " at step " + best.step();
        return "; best " + best.name() + " " + Formats.number(best.value()) + at
                + (best.fromStart() ? " (the starting model: no evaluation beat it; Export can take the weights at the end)"
                        : "");
    }

    /**
     * A step or evaluation line that names no step has no place on the step axis, and an evaluation of nothing but
     * counters is no evaluation; everything else is shown.
     */
    private static boolean worthShowing(RunEvent event) {
        if (event instanceof EvaluationEvent evaluation) {
            return evaluation.hasStep() && !evaluation.metrics().isEmpty();
        }
        return !(event instanceof StepEvent) || event.hasStep();
    }

    private RunSummary summarize() {
        return store.find(run.id())
                .orElseThrow(() -> new DiagonalException("run " + run.id() + " is gone from " + store.runsDir()));
    }
}
