package dev.diagonal.cli;

import dev.diagonal.handoff.HandoffJob;
import dev.diagonal.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", required = true, description = "the job folder to create")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config = training.config(common.batchSize()).build();
        HandoffJob.Written job = HandoffJob.write(training.model, training.train, training.val, config, this.out,
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
