package dev.diagonal.app.finetune;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.Formats;
import dev.diagonal.app.common.TaskContext;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.MetricsReader;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.RunStore;
import dev.diagonal.project.RunSummary;
import dev.diagonal.project.SimilaritySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a run folder as it grows, for a run written by another process (or one that has ended): each
 * {@link #poll()} returns what was added since the previous one (records of {@code metrics.jsonl}, new
 * similarity snapshots) as a {@link TrainingFeed.Update}, with the end status once the run has ended.
 * The status is read before the files, so the poll that reports the end also has the last records.
 */
final class RunFollower {

    private static final Set<String> NOT_METRICS = Set.of("step", "epoch", "type", "message");

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
        MetricsReader.Chunk chunk = MetricsReader.readFrom(run.metricsFile(), offset);
        offset = chunk.nextOffset();
        List<TrainingFeed.Step> steps = new ArrayList<>();
        List<TrainingFeed.Evaluation> evaluations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map<String, Object> record : chunk.records()) {
            read(record, steps, evaluations, warnings);
        }
        List<SimilaritySnapshot> snapshots = new ArrayList<>();
        for (long step : run.similaritySteps()) {
            if (snapshotsRead.add(step)) {
                snapshots.add(run.readSimilarity(step));
            }
        }
        // the methods without a training loop write evaluations only
        steps.forEach(s -> lastStep = Math.max(lastStep, s.step()));
        evaluations.forEach(e -> lastStep = Math.max(lastStep, e.step()));
        return new TrainingFeed.Update(null, steps, evaluations, snapshots, warnings,
                status.isFinal() ? status : null, status.isFinal() ? summary.message() : null);
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

    private RunSummary summarize() {
        return store.find(run.id())
                .orElseThrow(() -> new DiagonalException("run " + run.id() + " is gone from " + store.runsDir()));
    }

    /** Sorts one record of {@code metrics.jsonl} into a step, an evaluation or a warning; others are skipped. */
    private static void read(Map<String, Object> record, List<TrainingFeed.Step> steps,
            List<TrainingFeed.Evaluation> evaluations, List<String> warnings) {
        Object type = record.get("type");
        long step = record.get("step") instanceof Number n ? n.longValue() : 0;
        if ("warning".equals(type)) {
            warnings.add(String.valueOf(record.get("message")));
        } else if (type == null && record.get(MetricsLog.LOSS) instanceof Number loss) {
            steps.add(new TrainingFeed.Step(step, loss.doubleValue(), number(record, "lr"), number(record, "logit_scale"),
                    number(record, "images_per_second"), Duration.ZERO));
        } else if (type == null || "eval".equals(type)) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            record.forEach((key, value) -> {
                if (value instanceof Number n && !NOT_METRICS.contains(key)) {
                    metrics.put(key, n.doubleValue());
                }
            });
            if (!metrics.isEmpty()) {
                evaluations.add(new TrainingFeed.Evaluation(step, metrics));
            }
        }
    }

    private static double number(Map<String, Object> record, String key) {
        return record.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
