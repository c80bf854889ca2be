package dev.diagonal.cli;

import picocli.CommandLine;

/** Entry point of {@code ./diagonal}: the picocli command tree. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command tree (tests redirect its output streams). */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DiagonalCommand());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setAllowSubcommandsAsOptionParameters(true); // --screen zeroshot names a screen, not the subcommand
        return commandLine;
    }
}
