package dev.diagonal.project;

import java.util.Objects;

/**
 * A line of a kind this version does not interpret (e.g. an imported Trainer's {@code trainer_log}, or a kind a newer
 * Diagonal writes): kept with its type and step so that trimming and following still place it.
 *
 * @param type the line's {@code type}
 * @param step its step, or {@link RunEvent#NO_STEP}
 */
public record OtherEvent(String type, long step) implements RunEvent {

    /** The type must be named. */
    public OtherEvent {
        Objects.requireNonNull(type, "type");
    }
}
