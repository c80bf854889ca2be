package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.train.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one short line on stderr and exit code 1; the stack trace only with
 * {@code --verbose}. A {@link DiagonalException} already names the culprit (a bad training setting by
 * its option, {@link SettingFlags}); anything else is a bug and says so.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose")
                || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
        String message = e instanceof InvalidSettingException invalid ? SettingFlags.message(invalid)
                : e instanceof DiagonalException
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
