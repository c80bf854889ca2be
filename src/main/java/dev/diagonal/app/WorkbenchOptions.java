package dev.diagonal.app;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.finetune.HeatmapPreset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the workbench was asked to start.
 *
 * @param project  a project to open instead of the last one (null: last project, else the sample project)
 * @param snapshot write the chosen screen to this PNG and exit, instead of staying open (null: stay open)
 * @param screen   the screen to show first (null: the model screen with a project, else the project screen)
 * @param bench    the hidden UI benchmark ({@code --bench-ui OUT.json}); null for a normal start
 * @param heatmap  the fine-tune heatmap's view for a snapshot ({@code --heatmap difference,sort=margin}, see
 *                 {@link HeatmapPreset}); null: as it opens
 */
public record WorkbenchOptions(Path project, Path snapshot, Screen screen, Bench bench, String heatmap) {

    /**
     * The UI benchmark: scroll a dataset grid and run a short fine-tune while measuring how long the
     * JavaFX thread stalls, write the numbers to {@code out} as JSON, and exit.
     *
     * @param out     the JSON report
     * @param dataset the dataset to scroll (null: the dataset screen's first)
     * @param epochs  epochs of the fine-tune (at least 1)
     */
    public record Bench(Path out, String dataset, int epochs, Integer probeSize) {

        /** Without a probe size: the form's default. */
        public Bench(Path out, String dataset, int epochs) {
            this(out, dataset, epochs, null);
        }
    }

    /** Options without the benchmark. */
    public WorkbenchOptions(Path project, Path snapshot, Screen screen) {
        this(project, snapshot, screen, null, null);
    }

    /**
     * Parses {@code --project DIR}, {@code --snapshot FILE.png} and {@code --screen NAME}, and the hidden
     * {@code --bench-ui OUT.json} with its {@code --bench-dataset NAME}, {@code --bench-epochs N} and {@code --bench-probe N}, and
     * {@code --heatmap VIEW}.
     */
    public static WorkbenchOptions parse(String... args) {
        Path project = null;
        Path snapshot = null;
        Screen screen = null;
        Path benchOut = null;
        String benchDataset = null;
        int benchEpochs = 1;
        Integer benchProbe = null;
        String heatmap = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--project" -> project = Path.of(value(args, ++i, arg));
                case "--snapshot" -> snapshot = Path.of(value(args, ++i, arg));
                case "--screen" -> screen = Screen.fromId(value(args, ++i, arg));
                case "--bench-ui" -> benchOut = Path.of(value(args, ++i, arg));
                case "--bench-dataset" -> benchDataset = value(args, ++i, arg);
                case "--bench-epochs" -> benchEpochs = positive(value(args, ++i, arg), arg);
                case "--bench-probe" -> benchProbe = positive(value(args, ++i, arg), arg);
                case "--heatmap" -> {
                    heatmap = value(args, ++i, arg);
                    HeatmapPreset.parse(heatmap); // a wrong view fails here, before any window opens
                }
                default -> throw new DiagonalException("unknown workbench option: " + arg);
            }
        }
        if (benchOut == null && (benchDataset != null || benchEpochs != 1 || benchProbe != null)) {
            throw new DiagonalException("--bench-dataset, --bench-epochs and --bench-probe go with --bench-ui");
        }
        if (benchOut != null && snapshot != null) {
            throw new DiagonalException("--bench-ui and --snapshot cannot be combined");
        }
        return new WorkbenchOptions(project, snapshot, screen, benchOut == null ? null : new Bench(benchOut, benchDataset, benchEpochs, benchProbe),
                heatmap);
    }

    /** These options as arguments {@link #parse} reads back. */
    public String[] toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "--project", project);
        add(args, "--snapshot", snapshot);
        add(args, "--screen", screen == null ? null : screen.id());
        if (bench != null) {
            add(args, "--bench-ui", bench.out());
            add(args, "--bench-dataset", bench.dataset());
            add(args, "--bench-epochs", bench.epochs());
            add(args, "--bench-probe", bench.probeSize());
        }
        add(args, "--heatmap", heatmap);
        return args.toArray(String[]::new);
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DiagonalException(option + " must be a whole number of at least 1, not \"" + text + "\"");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new DiagonalException(option + " needs a value");
        }
        return args[index];
    }
}
