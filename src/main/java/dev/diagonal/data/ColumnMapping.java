package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.util.List;
import java.util.Locale;

/**
 * Which manifest columns (CSV/TSV header names or JSONL keys) hold the image path, the caption and the
 * label. Each component is {@code null} to pick the first accepted default present, {@code ""} to ignore
 * that role (caption and label only), or a column name. Names match case-insensitively.
 *
 * @param image the image path column, or {@code null} for the defaults ({@link #IMAGE_DEFAULTS})
 * @param caption the caption column, {@code null} for the defaults ({@link #CAPTION_DEFAULTS}), {@code ""} for none
 * @param label the label column, {@code null} for the defaults ({@link #LABEL_DEFAULTS}), {@code ""} for none
 */
public record ColumnMapping(String image, String caption, String label) {

    /** Image column names tried in order: open_clip's {@code filepath}, HF run_clip's {@code image_path}, JSONL's {@code image}, … */
    public static final List<String> IMAGE_DEFAULTS =
            List.of("filepath", "image_path", "image", "file_name", "filename", "file", "path", "img");
    /** Caption column names tried in order: {@code caption}, open_clip's {@code title}, JSONL's {@code text}, … */
    public static final List<String> CAPTION_DEFAULTS = List.of("caption", "title", "text", "description");
    /** Label column names tried in order. */
    public static final List<String> LABEL_DEFAULTS = List.of("label", "class", "class_name", "classname");

    /**
     * The column names chosen for one manifest.
     *
     * @param image the image column as spelled in the manifest
     * @param caption the caption column as spelled, or {@code null} when captions are not read
     * @param label the label column as spelled, or {@code null} when labels are not read
     */
    public record Resolved(String image, String caption, String label) {}

    /** Every role detected from the defaults. */
    public static ColumnMapping auto() {
        return new ColumnMapping(null, null, null);
    }

    /** This mapping with the image column set ({@code null} = default). */
    public ColumnMapping withImage(String column) {
        return new ColumnMapping(column, caption, label);
    }

    /** This mapping with the caption column set ({@code null} = default, {@code ""} = none). */
    public ColumnMapping withCaption(String column) {
        return new ColumnMapping(image, column, label);
    }

    /** This mapping with the label column set ({@code null} = default, {@code ""} = none). */
    public ColumnMapping withLabel(String column) {
        return new ColumnMapping(image, caption, column);
    }

    /**
     * Chooses the columns for a manifest with these column names.
     *
     * @param source the manifest, named in error messages
     * @throws DiagonalException when the image column, or both caption and label, cannot be found,
     *     or a column named explicitly is absent; the message lists the columns found and the names accepted
     */
    public Resolved resolve(List<String> columns, String source) {
        if (image != null && image.isBlank()) {
            throw new DiagonalException(source + ": the image column cannot be turned off");
        }
        String imageColumn = pick(image, IMAGE_DEFAULTS, columns);
        if (imageColumn == null) {
            throw missing(source, "image", image, IMAGE_DEFAULTS, columns);
        }
        String captionColumn = pick(caption, CAPTION_DEFAULTS, columns);
        if (captionColumn == null && caption != null && !caption.isBlank()) {
            throw missing(source, "caption", caption, CAPTION_DEFAULTS, columns);
        }
        String labelColumn = pick(label, LABEL_DEFAULTS, columns);
        if (labelColumn == null && label != null && !label.isBlank()) {
            throw missing(source, "label", label, LABEL_DEFAULTS, columns);
        }
        if (captionColumn == null && labelColumn == null) {
            throw new DiagonalException(source + ": no caption or label column (found: " + listed(columns)
                    + "; accepted captions: " + String.join(", ", CAPTION_DEFAULTS)
                    + "; labels: " + String.join(", ", LABEL_DEFAULTS) + ")");
        }
        return new Resolved(imageColumn, captionColumn, labelColumn);
    }

    private static String pick(String wanted, List<String> defaults, List<String> columns) {
        if (wanted != null) {
            return wanted.isBlank() ? null : find(wanted, columns);
        }
        for (String name : defaults) {
            String found = find(name, columns);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String find(String name, List<String> columns) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (String column : columns) {
            if (column.trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                return column;
            }
        }
        return null;
    }

    private static DiagonalException missing(String source, String role, String wanted, List<String> defaults,
            List<String> columns) {
        String accepted = wanted != null ? "'" + wanted + "' (as configured)" : String.join(", ", defaults);
        return new DiagonalException(source + ": no " + role + " column (found: " + listed(columns)
                + "; accepted: " + accepted + ")");
    }

    private static String listed(List<String> columns) {
        if (columns.isEmpty()) {
            return "none";
        }
        int shown = Math.min(columns.size(), 20);
        String list = String.join(", ", columns.subList(0, shown));
        return shown < columns.size() ? list + ", … (" + columns.size() + " in all)" : list;
    }
}
