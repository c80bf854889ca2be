package dev.diagonal.app.common;

import dev.diagonal.DiagonalException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into what a user reads: a short message first, the details behind an expander. */
public final class Errors {

    private Errors() {}

    /** The message: a {@link DiagonalException}'s own (it names the culprit), else the type and message. */
    public static String message(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof DiagonalException) {
            return cause.getMessage();
        }
        String text = cause.getMessage();
        return "internal error (" + cause.getClass().getSimpleName() + ")" + (text == null ? "" : ": " + text);
    }

    /** The full stack trace. */
    public static String details(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
