package dev.diagonal.cli;

import dev.diagonal.project.RunFolder;
import dev.diagonal.train.FineTuning;
import dev.diagonal.train.TrainingResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code resume}: continue a cancelled, crashed or killed fine-tuning run from its latest checkpoint. */
@Command(name = "resume", description = "Continue a fine-tuning run from its latest checkpoint.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNDIR", description = "the run folder")
    Path runDir;

    @Option(names = "--log-every", defaultValue = "10", description = "print a line every N steps (default: ${DEFAULT-VALUE})")
    int logEvery;

    @Option(names = "--verbose", description = "print stack traces and more detail")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrainingConsole console = new TrainingConsole(spec.commandLine().getOut(), spec.commandLine().getErr(), logEvery,
                verbose, System.console() != null);
        TrainingResult result;
        try (Interruption interruption = new Interruption(spec.commandLine().getErr())) {
            result = FineTuning.resume(RunFolder.open(runDir), console, interruption::cancelled);
        }
        return FinetuneCommand.finish(result, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
