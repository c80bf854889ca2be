package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.AppPaths;
import dev.diagonal.demo.Demo;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: the emoji story, headless, into a report folder. */
@Command(name = "demo", description = "Zero-shot the starter model on held-out Twitter emoji, adapt it from the "
        + "Twitter adaptation set's labels with each method's defaults (linear probe, Tip-Adapter-F, LoRA, contrastive, "
        + "WiSE-FT), score each on held-out Twitter and on Google (forgetting), and write demo-report/: summary.json, "
        + "the method table, the in-distribution vs shift plot, curves and before/after heatmaps.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "DIR", description = "the emoji-styles project (default: the shipped sample)")
    Path project;

    @Option(names = "--model", paramLabel = "DIR", description = "the model to start from (default: the shipped starter)")
    Path model;

    @Option(names = "--out", defaultValue = "demo-report", paramLabel = "DIR",
            description = "report folder; an earlier report there is replaced (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "the one seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", defaultValue = "auto", description = "contrastive fine-tuning epochs, or auto "
            + "(as finetune; default: ${DEFAULT-VALUE})")
    String epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "batch size of every method (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "auto", description = "contrastive fine-tuning peak learning rate, or auto "
            + "(the LR range test; default: ${DEFAULT-VALUE})")
    String lr;

    @Option(names = "--replay", negatable = true, defaultValue = "false", description = "also train the contrastive "
            + "run on the Google set's labels, against forgetting (default: ${DEFAULT-VALUE}; WiSE-FT is the default remedy)")
    boolean replay;

    @Option(names = "--freeze", defaultValue = "none", description = "what fine-tuning leaves unchanged, as for "
            + "finetune (default: ${DEFAULT-VALUE})")
    String freeze;

    @Option(names = "--augment", defaultValue = "none", description = "fine-tuning image "
            + "augmentations, as for finetune; none to train on the plain images (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--device", defaultValue = "auto", description = "cpu, gpu or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--log-every", defaultValue = "10", description = "print a training line every N steps (default: ${DEFAULT-VALUE})")
    int logEvery;

    @Option(names = "--verbose", description = "print stack traces")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AppPaths paths = AppPaths.detect();
        Path projectDir = project != null ? project : paths.sampleProject().orElseThrow(() -> new DiagonalException(
                "the sample project is not at " + paths.root().resolve(AppPaths.SAMPLE_PROJECT) + "; give --project"));
        Path modelDir = model != null ? model : paths.starterModel().orElseThrow(() -> new DiagonalException(
                "the starter model is not at " + paths.root().resolve(AppPaths.STARTER_MODEL) + "; give --model"));
        var outWriter = spec.commandLine().getOut();
        TrainingConsole console = new TrainingConsole(outWriter, spec.commandLine().getErr(), logEvery, verbose,
                System.console() != null);
        Map<String, Object> summary;
        try (Interruption interruption = new Interruption(spec.commandLine().getErr())) {
            summary = Demo.run(new Demo.Request(projectDir, modelDir, out, seed, epochs, batchSize, lr, replay, freeze,
                    augment, device, 10),
                    line -> {
                        outWriter.println(line);
                        outWriter.flush();
                    }, console, interruption::cancelled);
        } catch (CancellationException e) {
            spec.commandLine().getErr().println("diagonal: demo cancelled");
            return 130;
        }
        outWriter.printf("done: %s (%s); %s%n", out.toAbsolutePath().normalize(), String.join(", ", Demo.reportFiles()),
                Demo.headline(summary));
        outWriter.flush();
        return 0;
    }
}
