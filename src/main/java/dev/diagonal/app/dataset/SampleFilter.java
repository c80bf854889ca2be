package dev.diagonal.app.dataset;

/** Which samples the thumbnail grid shows. */
public enum SampleFilter {
    /** Every usable sample. */
    ALL("All samples"),
    /** The training part of the split. */
    TRAIN("Train split"),
    /** The validation part of the split. */
    VAL("Validation split"),
    /** The few-shot pick. */
    FEW_SHOT("Few-shot pick");

    private final String title;

    SampleFilter(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
