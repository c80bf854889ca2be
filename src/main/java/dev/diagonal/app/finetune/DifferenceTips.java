package dev.diagonal.app.finetune;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import java.util.Locale;

/** The Difference view's tooltips: the change and the two cosines it is made of. */
final class DifferenceTips implements CellTips {

    private final SimilaritySnapshot after;
    private final SimilaritySnapshot before;
    private final List<String> columns;

    /** Tips for {@code after} − {@code before}, two snapshots of one probe in one order. */
    DifferenceTips(SimilaritySnapshot after, SimilaritySnapshot before) {
        this.after = after;
        this.before = before;
        columns = ProbeLabels.columns(after);
    }

    @Override
    public String text(int row, int col) {
        double a = after.matrix()[row][col];
        double b = before.matrix()[row][col];
        return String.format(Locale.ROOT, "%s ↔ %s%s%nafter − before %+.3f%nstep %d: %.3f · step %d: %.3f",
                after.rowLabels().get(row), columns.get(col), row == col ? " (a true pair)" : "", a - b,
                after.step(), a, before.step(), b);
    }
}
