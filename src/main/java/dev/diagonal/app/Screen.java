package dev.diagonal.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The workbench's screens, in navigation order; {@code Ctrl+1} … {@code Ctrl+8} go to them. */
public enum Screen {
    PROJECT("project", "Project"),
    MODEL("model", "Model"),
    DATASET("dataset", "Dataset"),
    ZEROSHOT("zeroshot", "Zero-shot"),
    FINETUNE("finetune", "Fine-tune"),
    RUNS("runs", "Runs"),
    EXPORT("export", "Export"),
    COMPARE("compare", "Compare");

    private final String id;
    private final String title;

    Screen(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The name used on the command line ({@code --screen model}). */
    public String id() {
        return id;
    }

    /** The name shown in the navigation. */
    public String title() {
        return title;
    }

    /** The screen named {@code id} (case-insensitive). */
    public static Screen fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT).replace("-", "");
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new dev.diagonal.DiagonalException("--screen must be one of " + ids() + ", not \"" + id + "\""));
    }

    /** All ids, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Screen::id).collect(Collectors.joining(", "));
    }
}
