package dev.diagonal.image;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;

/**
 * An image file that cannot be decoded (missing, empty, truncated, corrupt, over the pixel limit).
 * Callers that work through many images catch only this one to skip and count the file; any other
 * failure still ends the run.
 */
public final class UnreadableImageException extends DiagonalException {

    private final transient Path file;
    private final String reason;

    public UnreadableImageException(Path file, String reason, Throwable cause) {
        super("cannot read image " + file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The image file. */
    public Path file() {
        return file;
    }

    /** Why it cannot be read, without the file name. */
    public String reason() {
        return reason;
    }
}
