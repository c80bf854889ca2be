package dev.diagonal.app.finetune;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.project.SimilaritySnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The heatmap's column labels: the caption itself, or, for a caption the run made from a class prompt
 * template, the class name alone. Derived when shown from what every snapshot holds (row {@code i}'s
 * label is the class of the probe's image {@code i}, column {@code i} its caption), so snapshots
 * written before this still read well: cut to a column's width, "a painting of a …" named nothing.
 */
final class ProbeLabels {

    // label-only data is captioned from the built-in templates (DataSetup), whatever the project's zero-shot set
    private static final CaptionTemplates TEMPLATES = CaptionTemplates.defaults();

    private ProbeLabels() {}

    /** One label per column of {@code snapshot}. */
    static List<String> columns(SimilaritySnapshot snapshot) {
        List<String> rows = snapshot.rowLabels();
        List<String> captions = snapshot.colLabels();
        List<String> out = new ArrayList<>(captions.size());
        for (int c = 0; c < captions.size(); c++) {
            out.add(c < rows.size() ? column(captions.get(c), rows.get(c)) : captions.get(c));
        }
        return out;
    }

    /** {@code caption}, or the class name of {@code rowLabel} when the caption is a template filled with it. */
    static String column(String caption, String rowLabel) {
        if (caption == null || rowLabel == null) {
            return caption;
        }
        String name = CaptionTemplates.className(rowLabel);
        return !name.isEmpty() && TEMPLATES.captionsFor(rowLabel).contains(caption) ? name : caption;
    }
}
