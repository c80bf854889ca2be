package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.compare.Cell;
import dev.diagonal.compare.CellRow;
import dev.diagonal.compare.CompareListener;
import dev.diagonal.compare.CompareSpec;
import dev.diagonal.compare.Comparison;
import dev.diagonal.compare.ComparisonFiles;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.StepEvent;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code compare}: methods × shots × seeds, each cell a run folder, scored in distribution and under shift. */
@Command(name = "compare", description = "Compare adaptation methods over shots and seeds: one run folder per cell, "
        + "scored on the test and shift sets (WiSE-FT sweep for weight-changing methods), into comparison.json/.csv "
        + "and two charts. A rerun finishes only the missing cells.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder every run starts from")
    Path model;

    @Option(names = "--train", required = true, description = "training data (few-shot samples are drawn from it per seed)")
    Path train;

    @Option(names = "--val", description = "validation data (default: split off the training data, as finetune does)")
    Path val;

    @Option(names = "--test", required = true, description = "the in-distribution test set (never trained on)")
    Path test;

    @Option(names = "--shift", paramLabel = "NAME=DATA", description = "a shifted test set; repeat for more")
    Map<String, Path> shifts = new LinkedHashMap<>();

    @Option(names = "--methods", split = ",", defaultValue = "zero-shot,linear-probe,tip-adapter-f,lora,contrastive",
            description = "zero-shot and finetune methods, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--shots", split = ",", defaultValue = "1,4", description = "images per class, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> shots;

    @Option(names = "--seeds", defaultValue = "3", description = "seeds per method and shots: 0 .. N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--out", required = true, description = "the comparison folder (a rerun continues it)")
    Path out;

    @Option(names = "--templates", description = "prompt templates, one per line with {}: for evaluation and as "
            + "caption templates in training (default: the built-in set)")
    Path templates;

    @Option(names = "--lr", split = ",", paramLabel = "[METHOD=]LR", description = "learning rate for every method, or "
            + "for one (e.g. lora=1e-2,contrastive=3e-4); default: finetune's")
    List<String> lr = new ArrayList<>();

    @Option(names = "--epochs", split = ",", paramLabel = "[METHOD=]N", description = "epochs for every method, or for one; default: finetune's")
    List<String> epochs = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Integer> epochsByMethod = new LinkedHashMap<>();
        perMethod(epochs, "--epochs").forEach((method, text) -> epochsByMethod.put(method, integer(text, "--epochs")));
        CompareSpec request = new CompareSpec(model, train, val, test, shifts, methods, shots, seeds, this.out, templates,
                perMethod(lr, "--lr"), epochsByMethod, common.device, common.batchSize());
        TrainingConsole console = new TrainingConsole(out, err, Integer.MAX_VALUE, common.verbose, System.console() != null);
        Comparison.Outcome outcome;
        try (Interruption interruption = new Interruption(err)) {
            outcome = new Comparison(request, new Console(out, err, console, common.verbose), interruption::cancelled).run();
        }
        int total = request.cells().size();
        if (outcome.cancelled()) {
            err.printf("compare stopped: %d of %d cells finished; rerun the same command to finish the rest%n",
                    outcome.rows().size(), total);
            err.flush();
            return 130;
        }
        out.printf("%d cells (%d run now, %d done earlier) -> %s%n", total, outcome.ran(), outcome.skipped(),
                this.out.resolve(ComparisonFiles.JSON_FILE));
        out.flush();
        return 0;
    }

    /** {@code [METHOD=]VALUE} entries by method ({@link CompareSpec#ALL} for a bare value). */
    private static Map<String, String> perMethod(List<String> entries, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String key = eq < 0 ? CompareSpec.ALL : entry.substring(0, eq).strip();
            String value = (eq < 0 ? entry : entry.substring(eq + 1)).strip();
            if (key.isEmpty() || value.isEmpty()) {
                throw new DiagonalException(flag + ": expected VALUE or METHOD=VALUE, not '" + entry + "'");
            }
            out.put(key, value);
        }
        return out;
    }

    private static int integer(String text, String flag) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DiagonalException(flag + ": not a whole number: " + text);
        }
    }

    /** Cell lines on stdout; of each run only the step bar and warnings (everything with --verbose). */
    private record Console(PrintWriter out, PrintWriter err, TrainingConsole runs, boolean verbose) implements CompareListener {

        @Override
        public void onCellStart(int index, int total, Cell cell, Duration eta) {
            line(String.format(Locale.ROOT, "cell %d/%d %s … ETA %s", index, total, cell.label(), eta(eta)));
        }

        @Override
        public void onCellSkipped(int index, int total, CellRow row) {
            line(String.format(Locale.ROOT, "cell %d/%d %s: done earlier (%s)", index, total, row.cell().label(), scores(row)));
        }

        @Override
        public void onCellDone(int index, int total, CellRow row) {
            line(String.format(Locale.ROOT, "  %s (%.0f s training)", scores(row), row.trainSeconds()));
        }

        @Override
        public void onNote(String message) {
            if (verbose || message.startsWith("restarting")) {
                line("note: " + message);
            }
        }

        @Override
        public TrainingListener training() {
            return verbose ? runs : new TrainingListener() {
                @Override
                public void onStart(TrainingPlan plan) {
                    runs.onStart(plan);
                }

                @Override
                public void onStep(StepEvent step) {
                    runs.onStep(step);
                }

                @Override
                public void onWarning(String message) {
                    runs.onWarning(message);
                }

                @Override
                public void onEnd(RunStatus status, String message) {
                    runs.onEnd(status, message);
                }
            };
        }

        private void line(String text) {
            out.println(text);
            out.flush();
        }

        private static String scores(CellRow row) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "test top-1 %.4f top-5 %.4f", row.testTop1(), row.testTop5()));
            row.shiftTop1().forEach((name, top1) -> text.append(String.format(Locale.ROOT, ", %s top-1 %.4f", name, top1)));
            return text.toString();
        }

        private static String eta(Duration eta) {
            if (eta == null) {
                return "?";
            }
            long minutes = Math.round(eta.toSeconds() / 60.0);
            return minutes < 1 ? "<1 min" : minutes + " min";
        }
    }
}
