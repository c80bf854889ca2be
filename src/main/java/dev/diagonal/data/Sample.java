package dev.diagonal.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training or evaluation example: an image with an optional caption and an optional class label.
 *
 * @param image the image file, resolved against the manifest's folder
 * @param caption the caption, or {@code null} when the data has none
 * @param label the class label (for an ImageFolder the folder name), or {@code null} when the data has none
 * @param extra the manifest's other columns (column name to value, in column order); never null
 */
public record Sample(Path image, String caption, String label, Map<String, String> extra) {

    /** Validates and freezes the components. */
    public Sample {
        Objects.requireNonNull(image, "image");
        extra = extra == null || extra.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A sample with no extra columns. */
    public Sample(Path image, String caption, String label) {
        this(image, caption, label, Map.of());
    }
}
