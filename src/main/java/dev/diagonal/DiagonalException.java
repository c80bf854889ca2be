package dev.diagonal;

/**
 * A failure caused by the user's input or environment (a missing file, a bad checkpoint, a corrupt
 * image), carrying a short message that names the culprit. The command line prints only the message
 * (the stack trace with {@code --verbose}); the workbench shows it in an error dialog.
 */
public class DiagonalException extends RuntimeException {

    public DiagonalException(String message) {
        super(message);
    }

    public DiagonalException(String message, Throwable cause) {
        super(message, cause);
    }
}
