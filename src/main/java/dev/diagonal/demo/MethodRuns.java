package dev.diagonal.demo;

import dev.diagonal.DiagonalException;
import dev.diagonal.compare.Cell;
import dev.diagonal.compare.CellRow;
import dev.diagonal.compare.CellScoring;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.FineTuning;
import dev.diagonal.train.Methods;
import dev.diagonal.train.RunDestination;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingRequest;
import dev.diagonal.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The demo's method table: each adaptation method with its defaults on the labelled adaptation drawings, one
 * run folder each under {@code runs/}, scored by its own classifier on the held-out and the Google sets as
 * {@code evaluate} and {@code compare} score it ({@link CellScoring}); the methods that change the weights also
 * at the WiSE-FT midpoint.
 */
final class MethodRuns {

    /** The methods in the order they run; contrastive last, as the run the curves and heatmaps show. */
    static final List<String> METHODS = List.of(Methods.LINEAR_PROBE, Methods.TIP_ADAPTER_F, Methods.LORA,
            Methods.CONTRASTIVE);
    /** The WiSE-FT weight of the table's interpolated rows. */
    static final double WISE_FT_ALPHA = 0.5;

    private final Path model;
    private final Path heldout;
    private final Path google;
    private final CellScoring scoring;
    private final Consumer<String> say;
    private final BooleanSupplier cancelled;
    private final List<CellRow> cells = new ArrayList<>();

    MethodRuns(Path model, Path heldout, Path google, CellScoring scoring, Consumer<String> say, BooleanSupplier cancelled) {
        this.model = model;
        this.heldout = heldout;
        this.google = google;
        this.scoring = scoring;
        this.say = say;
        this.cancelled = cancelled;
    }

    /** The zero-shot row: the base model as {@code evaluate} scores it. */
    Map<String, Object> zeroShot() {
        CellScoring.Score h = scoring.score(model, Cell.ZERO_SHOT, heldout, List.of());
        CellScoring.Score g = scoring.score(model, Cell.ZERO_SHOT, google, List.of());
        CellRow zero = new CellRow(Cell.ZERO_SHOT, 0, 0, h.top1(), h.top5(), Map.of(Demo.GOOGLE, g.top1()), 0, null, null);
        cells.add(zero);
        return rows(zero).get(0);
    }

    /**
     * Trains {@code method} with {@code config} into {@code runDir} and returns its rows: the run's, and for a
     * method that changes the weights its WiSE-FT midpoint's.
     */
    List<Map<String, Object>> train(String method, TrainingConfig config, Path train, Path runDir,
            TrainingListener listener) {
        long start = System.nanoTime();
        TrainingResult result = FineTuning.start(RunDestination.at(runDir), new TrainingRequest(model, train, null, config),
                listener, cancelled);
        if (result.status() == RunStatus.CANCELLED) {
            throw new CancellationException("demo cancelled during " + method);
        }
        if (result.status() == RunStatus.FAILED) {
            throw new DiagonalException(method + " failed: " + result.message());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> alphas = CellScoring.changesWeights(method) ? List.of(WISE_FT_ALPHA) : List.of();
        CellScoring.Score h = scoring.score(runDir, method, heldout, alphas);
        CellScoring.Score g = scoring.score(runDir, method, google, alphas);
        CellRow cell = new CellRow(method, 0, 0, h.top1(), h.top5(), Map.of(Demo.GOOGLE, g.top1()), seconds, null,
                alphas.isEmpty() ? null : wiseFtCurve(h, g));
        cells.add(cell);
        List<Map<String, Object>> rows = rows(cell);
        rows.forEach(row -> say.accept(describe(row)));
        return rows;
    }

    /** The table rows of one scored cell: its own, and its WiSE-FT midpoint's when it has a sweep. */
    private static List<Map<String, Object>> rows(CellRow cell) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(cell.method(), cell.testTop1(), cell.testTop5(), cell.shiftTop1().get(Demo.GOOGLE),
                cell.cell().zeroShot() ? null : cell.trainSeconds()));
        cell.wiseFt().stream().filter(point -> point.alpha() == WISE_FT_ALPHA).forEach(point -> rows.add(
                row(cell.method() + " + WiSE-FT " + WISE_FT_ALPHA, point.testTop1(), null, point.shiftTop1().get(Demo.GOOGLE), null)));
        return rows;
    }

    /** The rows scored so far as the comparison charts read them: zero-shot first, then each method's run. */
    List<CellRow> cells() {
        return List.copyOf(cells);
    }

    /** α 0 (the base model, the first row), {@link #WISE_FT_ALPHA} and 1 (the run). */
    private List<CellRow.WiseFtPoint> wiseFtCurve(CellScoring.Score heldoutScore, CellScoring.Score googleScore) {
        CellRow base = cells.get(0);
        return List.of(new CellRow.WiseFtPoint(0, base.testTop1(), base.shiftTop1()),
                new CellRow.WiseFtPoint(WISE_FT_ALPHA, heldoutScore.wiseFt().get(0), Map.of(Demo.GOOGLE, googleScore.wiseFt().get(0))),
                new CellRow.WiseFtPoint(1, heldoutScore.top1(), Map.of(Demo.GOOGLE, googleScore.top1())));
    }

    static String describe(Map<String, Object> row) {
        return String.format("      %-28s held-out Twitter subcategory top-1 %5.1f%% | Google %5.1f%%", row.get("method"),
                100 * (double) row.get("heldout_top1"), 100 * (double) row.get("google_top1"));
    }

    private static Map<String, Object> row(String method, double heldoutTop1, Double heldoutTop5, double googleTop1,
            Double seconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", method);
        row.put("heldout_top1", heldoutTop1);
        if (heldoutTop5 != null) {
            row.put("heldout_top5", heldoutTop5);
        }
        row.put("google_top1", googleTop1);
        if (seconds != null) {
            row.put("train_seconds", seconds);
        }
        return row;
    }
}
