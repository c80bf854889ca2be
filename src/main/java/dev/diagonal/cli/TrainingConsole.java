package dev.diagonal.cli;

import dev.diagonal.project.CheckpointEvent;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.StepEvent;
import dev.diagonal.train.EvaluationLine;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a training run shows on the console: the plan, a line every {@code logEvery} steps (loss,
 * learning rate, logit scale, images/s, ETA), evaluation summaries and warnings. On a terminal a
 * progress bar on stderr is redrawn at every step as well.
 */
final class TrainingConsole implements TrainingListener {

    private static final int BAR = 24;

    private final PrintWriter out;
    private final PrintWriter err;
    private final int logEvery;
    private final boolean verbose;
    private final boolean terminal;
    private long total;
    private final Map<String, Integer> quarters = new HashMap<>();
    private boolean barShown;

    TrainingConsole(PrintWriter out, PrintWriter err, int logEvery, boolean verbose, boolean terminal) {
        this.out = out;
        this.err = err;
        this.logEvery = Math.max(1, logEvery);
        this.verbose = verbose;
        this.terminal = terminal;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        total = plan.totalSteps();
        line(String.format(Locale.ROOT, "%s %s: %d steps (%d epochs of %s), batch %d%s%s, %d train / %d val images, "
                        + "%s trainable / %s frozen parameters, %s",
                plan.startStep() > 0 ? "resuming at step " + plan.startStep() + " of" : "training", plan.method(),
                plan.totalSteps(), plan.epochs(), steps(plan.stepsPerEpoch()), plan.batchSize(),
                plan.batches() == null ? "" : " (" + plan.batches() + ")", plan.accumulation() > 1 ? " x " + plan.accumulation() + " accumulated" : "", plan.trainSamples(),
                plan.valSamples(), count(plan.trainableParameters()), count(plan.frozenParameters()), plan.device()));
    }

    @Override
    public void onStep(StepEvent event) {
        long step = event.step();
        String status = String.format(Locale.ROOT, "step %d/%d  loss %.4f  lr %.3g  scale %.2f  %.1f img/s  ETA %s",
                step, total, event.loss(), event.lr(), event.logitScale(), event.imagesPerSecond(), clock(event.eta()));
        if (step == 1 || step % logEvery == 0 || step == total) {
            line(status);
        }
        if (terminal) {
            int filled = total == 0 ? BAR : (int) (BAR * step / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + status + "  ");
            err.flush();
            barShown = true;
        }
    }

    @Override
    public void onEvaluation(EvaluationEvent evaluation) {
        if (!newQuarter(evaluation.metrics())) {
            return;
        }
        line("eval @ step " + evaluation.step() + ": " + EvaluationLine.describe(evaluation.metrics()));
    }

    /**
     * Whether an evaluation is worth a line: embedding progress ({@code embed_<split>_done} of {@code _total}, one
     * event per batch) only each time it passes a quarter of its total; anything else always.
     */
    private boolean newQuarter(Map<String, Double> metrics) {
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String key = e.getKey();
            Double totalCount = key.endsWith("_done") ? metrics.get(key.replace("_done", "_total")) : null;
            if (totalCount != null && totalCount > 0) {
                int quarter = (int) Math.min(4, Math.floor(4 * e.getValue() / totalCount));
                String progressKey = key + "/" + totalCount;
                Integer shown = quarters.put(progressKey, quarter);
                return shown == null ? quarter > 0 : quarter > shown;
            }
        }
        return true;
    }

    @Override
    public void onCheckpoint(CheckpointEvent checkpoint) {
        if (verbose) {
            line("checkpoint at step " + checkpoint.step() + ": " + checkpoint.path());
        }
    }

    @Override
    public void onWarning(String message) {
        clearBar();
        err.println("warning: " + message);
        err.flush();
    }

    @Override
    public void onNote(String message) {
        line(message);
    }

        @Override
    public void onEnd(RunStatus status, String message) {
        clearBar();
        if (status == RunStatus.COMPLETED) {
            line("completed");
        } else if (status == RunStatus.CANCELLED) {
            line(message);
        }
    }

    private void line(String text) {
        clearBar();
        out.println(text);
        out.flush();
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r" + " ".repeat(140) + "\r");
            err.flush();
            barShown = false;
        }
    }

    private static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 1_000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : Long.toString(n);
    }

    private static String steps(double perEpoch) {
        return perEpoch == Math.rint(perEpoch) ? Long.toString((long) perEpoch) : String.format(Locale.ROOT, "%.2f", perEpoch);
    }

    static String clock(Duration eta) {
        long seconds = eta.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
