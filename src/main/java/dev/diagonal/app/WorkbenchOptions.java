package dev.diagonal.app;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the workbench was asked to start.
 *
 * @param project  a project to open instead of the last one (null: last project, else the sample project)
 * @param snapshot write the chosen screen to this PNG and exit, instead of staying open (null: stay open)
 * @param screen   the screen to show first (null: the model screen with a project, else the project screen)
 */
public record WorkbenchOptions(Path project, Path snapshot, Screen screen) {

    /** Parses {@code --project DIR}, {@code --snapshot FILE.png} and {@code --screen NAME}. */
    public static WorkbenchOptions parse(String... args) {
        Path project = null;
        Path snapshot = null;
        Screen screen = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--project" -> project = Path.of(value(args, ++i, arg));
                case "--snapshot" -> snapshot = Path.of(value(args, ++i, arg));
                case "--screen" -> screen = Screen.fromId(value(args, ++i, arg));
                default -> throw new DiagonalException("unknown workbench option: " + arg);
            }
        }
        return new WorkbenchOptions(project, snapshot, screen);
    }

    /** These options as arguments {@link #parse} reads back. */
    public String[] toArgs() {
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
            args.add(screen.id());
        }
        return args.toArray(String[]::new);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new DiagonalException(option + " needs a value");
        }
        return args[index];
    }
}
