package dev.diagonal.project;

import java.util.Objects;

/**
 * Something the user should know that does not stop the run (chance-level loss, a batch size capped).
 *
 * @param step    the last step done when it was noticed
 * @param message what to tell the user
 */
public record WarningEvent(long step, String message) implements RunEvent {

    /** A null message reads "null", as older readers showed it. */
    public WarningEvent {
        message = Objects.toString(message);
    }
}
