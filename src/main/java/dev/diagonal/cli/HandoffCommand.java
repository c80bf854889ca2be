package dev.diagonal.cli;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.handoff.HandoffJob;
import dev.diagonal.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code handoff}: write a job folder that fine-tunes with accelerate/torchrun and transformers' Trainer. */
@Command(name = "handoff", description = "Write a job that fine-tunes contrastively with accelerate launch "
        + "(DDP/FSDP, several GPUs, SLURM); bring its output back with import-run.")
final class HandoffCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--train", required = true, description = "training data: ImageFolder or CSV/TSV/JSONL manifest")
    Path train;

    @Option(names = "--val", description = "validation data (default: split off --val-fraction of --train)")
    Path val;

    @Option(names = "--out", required = true, description = "the job folder to create")
    Path out;

    @Option(names = "--epochs", defaultValue = "5", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-5", description = "peak learning rate (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--freeze", defaultValue = "none", description = "none, image, text, image:last=N, text:last=N, all-but-projections (default: ${DEFAULT-VALUE})")
    String freeze;

    @Option(names = "--seed", defaultValue = "0", description = "seed for splits, few-shot picks and the Trainer (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "share split off for validation without --val (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--eval-every", defaultValue = "0", description = "evaluate every N steps, 0 for about 10 times (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--max-steps", defaultValue = "0", description = "stop after N steps, 0 for no limit (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--augment", defaultValue = "none", description = "accepted for parity with finetune; not carried over")
    String augment;

    @Option(names = "--caption-templates", paramLabel = "FILE", description = "accepted for parity with finetune; not carried over")
    Path captionTemplates;

    @Option(names = "--batches", defaultValue = "fill", description = "fill or one-per-class; neither carries over exactly (default: ${DEFAULT-VALUE})")
    String batches;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(common.batchSize()).lr(lr)
                .weightDecay(weightDecay).warmupSteps(warmupSteps).accumulation(accumulation).clipNorm(clipNorm)
                .shots(shots).freeze(freeze).seed(seed).valFraction(valFraction).evalEvery(evalEvery).maxSteps(maxSteps)
                .augment(augment).batches(batches)
                .captionTemplates(captionTemplates == null ? List.of() : CaptionTemplates.load(captionTemplates).templates())
                .build();
        HandoffJob.Written job = HandoffJob.write(model, train, val, config, this.out,
                w -> err.println("warning: " + w));
        for (String note : job.notCarried()) {
            err.println("not carried over: " + note);
        }
        out.printf("job %s: %d training rows, %d validation rows%nrun it with  NPROC=N %s/launch.sh  (or sbatch %s/sbatch.sh), "
                + "then  diagonal import-run %s/%s --out RUN%n", job.dir(), job.trainRows(), job.valRows(), job.dir(),
                job.dir(), job.dir(), HandoffJob.OUTPUT);
        out.flush();
        err.flush();
        return 0;
    }
}
