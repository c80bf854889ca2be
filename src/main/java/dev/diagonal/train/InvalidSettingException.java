package dev.diagonal.train;

import dev.diagonal.DiagonalException;

/**
 * A setting of a fine-tuning run has a value that is not acceptable. The message names the setting by
 * its {@link Setting#label() label} ("Learning rate must be positive, not -1.0"); {@link #setting()} and
 * {@link #problem()} let a caller word it its own way (the command line says {@code --lr must be …}).
 */
public final class InvalidSettingException extends DiagonalException {

    private static final long serialVersionUID = 1L;

    private final transient Setting setting;
    private final String problem;

    /**
     * @param setting the setting at fault
     * @param problem what is wrong, worded to follow the setting's name
     */
    public InvalidSettingException(Setting setting, String problem) {
        super(setting.label() + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting at fault. */
    public Setting setting() {
        return setting;
    }

    /** What is wrong, without the setting's name, e.g. {@code must be positive, not -1.0}. */
    public String problem() {
        return problem;
    }
}
