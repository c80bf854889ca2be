package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.data.CaptionTemplates;
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
import java.util.List;
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

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--train", required = true, description = "training data: ImageFolder or CSV/TSV/JSONL manifest")
    Path train;

    @Option(names = "--val", description = "validation data (default: split off --val-fraction of --train)")
    Path val;

    @Option(names = "--out", required = true, description = "the run folder to create")
    Path out;

    @Option(names = "--method", defaultValue = Methods.CONTRASTIVE, description = "contrastive, linear-probe, lora, tip-adapter or tip-adapter-f (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--epochs", defaultValue = "5", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-5", description = "peak learning rate, or auto: an LR range test "
            + "(as fastai's lr_find) on the training data picks it (default: ${DEFAULT-VALUE})")
    String lr;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--warmup-steps", defaultValue = "-1", description = "linear warmup steps (default: 10%% of all steps)")
    int warmupSteps;

    @Option(names = "--accumulation", defaultValue = "1", description = "micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    int accumulation;

    @Option(names = "--clip-norm", defaultValue = "1.0", description = "gradient clipping norm, 0 for none (default: ${DEFAULT-VALUE})")
    double clipNorm;

    @Option(names = "--shots", defaultValue = "0", description = "images per class to use, 0 for all (default: ${DEFAULT-VALUE})")
    int shots;

    @Option(names = "--freeze", defaultValue = "none", description = "none, image, text, image:last=N, text:last=N, all-but-projections; comma-separated (default: ${DEFAULT-VALUE})")
    String freeze;

    @Option(names = "--seed", defaultValue = "0", description = "the one seed for data order, splits and sampling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "share split off for validation without --val (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--eval-every", defaultValue = "0", description = "evaluate every N steps, 0 for about 10 times (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "checkpoint every N steps, 0 for each evaluation (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--max-steps", defaultValue = "0", description = "stop after N steps, 0 for no limit (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--probe-size", defaultValue = "12", description = "images in the probe batch's similarity matrix (default: ${DEFAULT-VALUE})")
    int probeSize;

    @Option(names = "--augment", defaultValue = "none", description = "training-image augmentations: none, or a comma "
            + "list of crop, affine, background (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--caption-templates", paramLabel = "FILE", description = "templates with {}, one per line; "
            + "each training caption is wrapped in one picked at random at every step")
    Path captionTemplates;

    @Option(names = "--batches", defaultValue = "fill", description = "labelled data: fill (batches of --batch-size "
            + "from any classes; same-class pairs are positives) or one-per-class (no class twice in a batch; the batch "
            + "is capped at the number of classes) (default: ${DEFAULT-VALUE})")
    String batches;

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
        TrainingRequest request = new TrainingRequest(model, train, val, config());
        TrainingResult result;
        try (Interruption interruption = new Interruption(spec.commandLine().getErr())) {
            result = FineTuning.start(RunDestination.at(out), request, console, interruption::cancelled);
        }
        return finish(result, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private TrainingConfig config() {
        return TrainingConfig.builder().method(method).epochs(epochs).batchSize(common.batchSize()).lr(lr)
                .weightDecay(weightDecay).warmupSteps(warmupSteps).accumulation(accumulation).clipNorm(clipNorm)
                .shots(shots).freeze(freeze).seed(seed).valFraction(valFraction).evalEvery(evalEvery)
                .checkpointEvery(checkpointEvery).maxSteps(maxSteps).probeSize(probeSize).device(common.device)
                .augment(augment).batches(batches).loraRank(loraRank).loraAlpha(loraAlpha).loraDropout(loraDropout).loraTargets(loraTargets)
                .captionTemplates(captionTemplates == null ? List.of() : CaptionTemplates.load(captionTemplates).templates())
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
