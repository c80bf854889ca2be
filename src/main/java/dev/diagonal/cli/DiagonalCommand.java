package dev.diagonal.cli;

import dev.diagonal.app.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./diagonal}: the root of the command tree; without a subcommand it opens the workbench. */
@Command(name = "diagonal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Diagonal: adapt CLIP image-text models.",
            "Without a subcommand, opens the workbench (on --project, else the last project, else the sample project).",
            "Subcommands run the engine headless."},
        subcommands = {EmbedCommand.class, TokenizeCommand.class, PreprocessCommand.class,
            ZeroShotCommand.class, InfoCommand.class, BenchCommand.class, FinetuneCommand.class, ResumeCommand.class,
            EvaluateCommand.class, ExportCommand.class, InitCommand.class, DemoCommand.class})
final class DiagonalCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "DIR", description = "open this project folder in the workbench")
    Path project;

    @Option(names = "--snapshot", paramLabel = "FILE.png",
            description = "render a workbench screen to this PNG and exit (opens --project, else the sample project)")
    Path snapshot;

    @Option(names = "--screen", paramLabel = "NAME",
            description = "the screen to show: project, model, dataset, zeroshot, finetune, runs or export")
    String screen;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (project != null) {
            args.add("--project");
            args.add(project.toString());
        }
        if (snapshot != null) {
            args.add("--snapshot");
            args.add(snapshot.toString());
        }
        if (screen != null) {
            args.add("--screen");
            args.add(screen);
        }
        return Workbench.launch(args.toArray(String[]::new));
    }
}
