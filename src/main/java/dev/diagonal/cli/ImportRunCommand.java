package dev.diagonal.cli;

import dev.diagonal.handoff.ImportRun;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code import-run}: bring a hand-off job's output back as a Diagonal run folder. */
@Command(name = "import-run", description = "Make a Diagonal run folder from a hand-off job's output (see handoff).")
final class ImportRunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "the job's output folder (JOB/output)")
    Path output;

    @Option(names = "--out", required = true, description = "the run folder to create")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImportRun.Imported imported = ImportRun.from(output, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "imported %d steps (%d metric records)%s -> %s%n", imported.steps(),
                imported.records(), imported.best() == null ? "" : String.format(Locale.ROOT, ", best val_loss %.4f at step %d",
                        imported.best().value(), imported.best().step()), imported.run().path());
        spec.commandLine().getOut().println(imported.snapshots());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
