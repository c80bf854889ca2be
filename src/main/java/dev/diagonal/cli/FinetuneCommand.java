package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.FineTuning;
import dev.diagonal.train.Methods;
import dev.diagonal.train.RunDestination;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingRequest;
import dev.diagonal.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code finetune}: adapt a CLIP model to a dataset; the run goes to a run folder that {@code resume} continues. */
@Command(name = "finetune", description = "Fine-tune a CLIP model (contrastive, FLYP-style) into a run folder.")
final class FinetuneCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", required = true, description = "the run folder to create")
    Path out;

    @Option(names = "--method", defaultValue = Methods.CONTRASTIVE, description = "contrastive, linear-probe, lora, tip-adapter or tip-adapter-f (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "checkpoint every N steps, 0 for every 10 minutes (and always at the end and on cancel; default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--probe-size", defaultValue = "12", description = "images in the probe batch's similarity matrix (default: ${DEFAULT-VALUE})")
    int probeSize;

    @Option(names = "--lora-rank", defaultValue = "2", description = "lora: adapter rank r (default: ${DEFAULT-VALUE})")
    int loraRank;

    @Option(names = "--lora-alpha", defaultValue = "1", description = "lora: alpha; adapters are scaled by alpha / r (default: ${DEFAULT-VALUE})")
    double loraAlpha;

    @Option(names = "--lora-dropout", defaultValue = "0.25", description = "lora: dropout on the adapters' input (default: ${DEFAULT-VALUE})")
    double loraDropout;

    @Option(names = "--lora-targets", defaultValue = "q_proj,k_proj,v_proj,out_proj", description = "lora: layers adapted in every block of both towers (default: ${DEFAULT-VALUE})")
    String loraTargets;

    @Option(names = "--log-every", defaultValue = "10", description = "print a line every N steps (default: ${DEFAULT-VALUE})")
    int logEvery;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrainingConsole console = new TrainingConsole(spec.commandLine().getOut(), spec.commandLine().getErr(), logEvery,
                common.verbose, System.console() != null);
        TrainingRequest request = new TrainingRequest(training.model, training.train, training.val, config());
        TrainingResult result;
        try (Interruption interruption = new Interruption(spec.commandLine().getErr())) {
            result = FineTuning.start(RunDestination.at(out), request, console, interruption::cancelled);
        }
        return finish(result, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private TrainingConfig config() {
        return training.config(common.batchSize()).method(method).checkpointEvery(checkpointEvery).probeSize(probeSize)
                .device(common.device).loraRank(loraRank).loraAlpha(loraAlpha).loraDropout(loraDropout).loraTargets(loraTargets)
                .build();
    }

    /**
     * Says how a completed run ended: the method's summary when it has one, else which weights its {@code best/}
     * holds (a warning when that is the starting model); and
     * gives the exit code: 0 when completed, 1 (with the reason on stderr) when failed, 130 when cancelled.
     */
    static int finish(TrainingResult result, PrintWriter out, PrintWriter err) {
        if (result.status() == RunStatus.FAILED) {
            throw new DiagonalException("training failed: " + result.message());
        }
        if (result.status() == RunStatus.COMPLETED) {
            BestMetric best = result.best();
            Path bestDir = result.runDir().resolve(RunFolder.BEST);
            if (result.summary() != null) { // the method's own outcome, e.g. a linear probe's accuracy and C
                out.printf("%s: %s -> %s%n", result.method(), result.summary(), result.runDir());
            } else if (best == null) {
                out.printf("no validation metric: evaluate and export use the weights at step %d%n", result.step());
            } else if (best.fromStart()) {
                err.printf(Locale.ROOT, "warning: no evaluation beat the model training started from (%s %.4f at step 0), "
                        + "so %s holds its weights; export --checkpoint latest takes the weights at step %d%n",
                        best.name(), best.value(), bestDir, result.step());
            } else {
                out.printf(Locale.ROOT, "best: %s %.4f at step %s of %d -> %s (evaluate and export use it; "
                        + "export --checkpoint latest takes step %d)%n", best.name(), best.value(), best.step(),
                        result.step(), bestDir, result.step());
            }
            out.flush();
            err.flush();
        }
        return result.status() == RunStatus.CANCELLED ? 130 : 0;
    }
}
