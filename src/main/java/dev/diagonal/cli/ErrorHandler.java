package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one short line on stderr and exit code 1; the stack trace only with
 * {@code --verbose}. A {@link DiagonalException} already names the culprit; anything else is a bug
 * and says so.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose")
                || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
        String message = e instanceof DiagonalException
                ? e.getMessage()
                : "internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage()
                        + (verbose ? "" : " — rerun with --verbose for details");
        commandLine.getErr().println("diagonal: " + message);
        if (verbose) {
            e.printStackTrace(commandLine.getErr());
        }
        return 1;
    }
}
