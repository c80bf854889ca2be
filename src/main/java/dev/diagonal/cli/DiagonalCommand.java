package dev.diagonal.cli;

import dev.diagonal.app.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./diagonal}: the root of the command tree; without a subcommand it opens the workbench. */
@Command(name = "diagonal", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, // every subcommand takes -h, -V
        versionProvider = VersionProvider.class,
        description = {"Diagonal: adapt CLIP image-text models.",
            "Without a subcommand, opens the workbench (on --project or PROJECT, else the last project, else the sample project).",
            "Subcommands run the engine headless."},
        subcommands = {EmbedCommand.class, TokenizeCommand.class, PreprocessCommand.class,
            ZeroShotCommand.class, InfoCommand.class, BenchCommand.class, FinetuneCommand.class, ResumeCommand.class,
            EvaluateCommand.class, CompareCommand.class, ExportCommand.class, InitCommand.class, HandoffCommand.class, ImportRunCommand.class, DemoCommand.class, HelpCommand.class})
final class DiagonalCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "DIR", description = "open this project folder in the workbench")
    Path project;

    @Parameters(arity = "0..1", paramLabel = "PROJECT",
            description = "a project folder or its diagonal-project.json to open (as --project; what a file manager passes)")
    Path positionalProject;

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshot", paramLabel = "FILE.png",
            description = "render a workbench screen to this PNG and exit (opens --project, else the sample project)")
    Path snapshot;

    @Option(names = "--screen", paramLabel = "NAME",
            description = "the screen to show: project, model, dataset, zeroshot, finetune, runs or export")
    String screen;

    @Option(names = "--heatmap", paramLabel = "VIEW",
            description = "the fine-tune heatmap's view for --snapshot: before, after or difference, and sort=probe|class|margin|clustering,"
                    + " baseline=N (the N-th snapshot to compare with), row=N or col=N (its detail), comma-separated")
    String heatmap;

    @Option(names = "--bench-ui", paramLabel = "OUT.json", hidden = true,
            description = "the workbench's UI benchmark: scroll the dataset grid, run a short fine-tune, write the FX-thread stalls")
    Path benchUi;

    @Option(names = "--bench-dataset", paramLabel = "NAME", hidden = true, description = "the dataset the UI benchmark scrolls")
    String benchDataset;

    @Option(names = "--bench-epochs", paramLabel = "N", hidden = true, description = "epochs of the UI benchmark's fine-tune")
    Integer benchEpochs;

    @Option(names = "--bench-probe", paramLabel = "N", hidden = true, description = "probe batch size of the UI benchmark's fine-tune")
    Integer benchProbe;

    @Override
    public Integer call() {
        return Workbench.launch(workbenchArgs().toArray(String[]::new));
    }

    /** The workbench's arguments: a positional project (folder or project file) becomes {@code --project FOLDER}. */
    List<String> workbenchArgs() {
        if (project != null && positionalProject != null) {
            throw new ParameterException(spec.commandLine(), "give the project either as --project or as PROJECT, not both");
        }
        Path chosen = project != null ? project : projectFolder(positionalProject);
        List<String> args = new ArrayList<>();
        addOption(args, "--project", chosen);
        addOption(args, "--snapshot", snapshot);
        addOption(args, "--screen", screen);
        addOption(args, "--heatmap", heatmap);
        addOption(args, "--bench-ui", benchUi);
        addOption(args, "--bench-dataset", benchDataset);
        addOption(args, "--bench-epochs", benchEpochs);
        addOption(args, "--bench-probe", benchProbe);
        return args;
    }

    private static void addOption(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }

    /** A project file stands for its folder; a folder stands for itself. */
    private Path projectFolder(Path fileOrFolder) {
        if (fileOrFolder == null || Files.isDirectory(fileOrFolder)) {
            return fileOrFolder;
        }
        if (!Files.isRegularFile(fileOrFolder)) {
            throw new ParameterException(spec.commandLine(),
                    "no project folder or file " + fileOrFolder + " (nor a subcommand of that name; see --help)");
        }
        Path parent = fileOrFolder.toAbsolutePath().getParent();
        return parent == null ? fileOrFolder : parent;
    }
}
