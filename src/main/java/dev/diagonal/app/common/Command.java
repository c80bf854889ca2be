package dev.diagonal.app.common;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * An action a view model offers, with whether it can run now. Views bind a button's {@code disable}
 * to {@code !executable} and call {@link #execute()}; tests call it directly.
 */
public final class Command {

    private final Runnable action;
    private final ReadOnlyBooleanWrapper executable = new ReadOnlyBooleanWrapper(true);

    /** A command that can always run. */
    public Command(Runnable action) {
        this.action = Objects.requireNonNull(action, "action");
    }

    /** A command that can run while {@code condition} is true. */
    public Command(Runnable action, ObservableBooleanValue condition) {
        this(action);
        executable.bind(Bindings.createBooleanBinding(condition::get, condition));
    }

    /** Runs the action if the command is executable; returns whether it ran. */
    public boolean execute() {
        if (!executable.get()) {
            return false;
        }
        action.run();
        return true;
    }

    public ReadOnlyBooleanProperty executableProperty() {
        return executable.getReadOnlyProperty();
    }

    public boolean isExecutable() {
        return executable.get();
    }
}
