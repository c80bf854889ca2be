package dev.diagonal.data;

/** The kinds of bad rows a {@link ValidationReport} counts. Every skipped row has exactly one kind. */
public enum ProblemKind {
    /** The image file does not exist (or the image field is empty). */
    MISSING_IMAGE("missing image"),
    /** The image file exists but is empty or does not decode. */
    UNREADABLE_IMAGE("unreadable image"),
    /** The caption column is mapped but the row's caption is blank. */
    EMPTY_CAPTION("empty caption"),
    /** The label column is mapped but the row's label is blank. */
    MISSING_LABEL("missing label"),
    /** The same image, caption and label appeared on an earlier row. */
    DUPLICATE_ROW("duplicate row"),
    /** The line is not valid UTF-8 text. */
    BAD_ENCODING("not UTF-8"),
    /** The line does not parse: wrong number of fields, bad quoting, invalid JSON. */
    BAD_LINE("bad line");

    private final String description;

    ProblemKind(String description) {
        this.description = description;
    }

    /** A short human-readable name, e.g. {@code "missing image"}. */
    public String description() {
        return description;
    }
}
