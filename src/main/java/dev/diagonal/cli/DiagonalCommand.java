package dev.diagonal.cli;

import picocli.CommandLine.Command;

/** {@code ./diagonal}: the root of the command tree. */
@Command(name = "diagonal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Diagonal: adapt CLIP image-text models. Subcommands run the engine headless.",
        subcommands = {EmbedCommand.class, TokenizeCommand.class, PreprocessCommand.class,
            ZeroShotCommand.class, InfoCommand.class, BenchCommand.class, FinetuneCommand.class, ResumeCommand.class,
            EvaluateCommand.class, ExportCommand.class})
final class DiagonalCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
