package dev.diagonal.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.io.AtomicFiles;
import dev.diagonal.io.FileTrees;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.FineTuning;
import dev.diagonal.train.RunDestination;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingRequest;
import dev.diagonal.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The job of {@code ./diagonal compare}: runs every {@link Cell} of a {@link CompareSpec} as a normal run
 * folder ({@code runs/<cell>/}, started through {@link FineTuning#start}), scores it on the test and shift
 * sets through {@link CellScoring}, and keeps its row in {@code cells/<cell>.json} (written atomically,
 * last), so a rerun skips finished cells and restarts unfinished ones. At the end (or when cancelled,
 * over the finished cells) it writes {@code comparison.json}, {@code comparison.csv} and the two PNGs.
 */
public final class Comparison {

    /** Folder of the cells' run folders. */
    public static final String RUNS = "runs";
    /** Folder of the cells' row files. */
    public static final String CELLS = "cells";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a comparison ended.
     *
     * @param rows the rows of every finished cell, in cell order
     * @param cancelled whether it stopped before the last cell
     * @param ran cells run in this call
     * @param skipped cells finished by an earlier call
     */
    public record Outcome(List<CellRow> rows, boolean cancelled, int ran, int skipped) {}

    private final CompareSpec spec;
    private final CompareListener listener;
    private final BooleanSupplier cancelled;
    private final CellScoring scoring;
    private final Map<String, Double> secondsByMethod = new HashMap<>();
    private final Map<String, Integer> doneByMethod = new HashMap<>();
    private CellRow base; // the base model's scores: the zero-shot rows and WiSE-FT's α = 0

    /** A comparison that reports to {@code listener} and stops between steps once {@code cancelled} says so. */
    public Comparison(CompareSpec spec, CompareListener listener, BooleanSupplier cancelled) {
        this.spec = spec;
        this.listener = listener;
        this.cancelled = cancelled;
        this.scoring = new CellScoring(spec.templates(), spec.device(), spec.batchSize(), listener::onNote, cancelled);
    }

    /** The row file of a cell. */
    public static Path rowFile(Path out, Cell cell) {
        return out.resolve(CELLS).resolve(cell.name() + ".json");
    }

    /** The run folder of a cell (zero-shot cells have none). */
    public static Path runDir(Path out, Cell cell) {
        return out.resolve(RUNS).resolve(cell.name());
    }

    /** Runs the missing cells, then writes the comparison files. */
    public Outcome run() {
        List<Cell> cells = spec.cells();
        List<CellRow> rows = new ArrayList<>();
        int ran = 0;
        int skipped = 0;
        boolean stopped = false;
        List<CellRow> earlier = new ArrayList<>();
        for (Cell cell : cells) {
            CellRow done = finished(cell);
            earlier.add(done);
            if (done != null && cell.zeroShot() && base == null) {
                base = done; // the base model's scores need no second evaluation
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            CellRow done = earlier.get(i);
            if (done != null) {
                rows.add(done);
                skipped++;
                listener.onCellSkipped(i + 1, cells.size(), done);
                continue;
            }
            if (cancelled.getAsBoolean()) {
                stopped = true;
                break;
            }
            listener.onCellStart(i + 1, cells.size(), cell, eta(cells, earlier, i));
            long started = System.nanoTime();
            CellRow row;
            try {
                row = cell.zeroShot() ? zeroShot(cell) : trained(cell);
            } catch (CancellationException e) {
                row = null;
            }
            if (row == null) {
                stopped = true;
                break;
            }
            CellRow written = row;
            AtomicFiles.write(rowFile(spec.out(), cell), stream -> JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(new ComparisonFiles.KeepOpen(stream), written));
            secondsByMethod.merge(cell.method(), (System.nanoTime() - started) / 1e9, Double::sum);
            doneByMethod.merge(cell.method(), 1, Integer::sum);
            rows.add(row);
            ran++;
            listener.onCellDone(i + 1, cells.size(), row);
        }
        if (!rows.isEmpty()) {
            ComparisonFiles.write(spec, rows, base);
        }
        return new Outcome(rows, stopped, ran, skipped);
    }

    /** The cell's row when its row file exists and (for a trained cell) its run completed; else null. */
    private CellRow finished(Cell cell) {
        Path file = rowFile(spec.out(), cell);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        if (!cell.zeroShot()) {
            RunFolder run = RunFolder.open(runDir(spec.out(), cell));
            if (!run.hasRunJson() || run.readRunJson().status() != RunStatus.COMPLETED) {
                return null;
            }
        }
        try {
            CellRow row = JSON.readValue(file.toFile(), CellRow.class);
            if (!row.cell().equals(cell)) {
                throw new DiagonalException(file + " holds the row of " + row.cell().name() + ", not of " + cell.name());
            }
            return row;
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private CellRow zeroShot(Cell cell) {
        CellRow scores = baseScores();
        return new CellRow(Cell.ZERO_SHOT, 0, cell.seed(), scores.testTop1(), scores.testTop5(), scores.shiftTop1(), 0,
                null, List.of());
    }

    /** The base model's scores, evaluated once per comparison (the zero-shot rows of every seed are equal). */
    private CellRow baseScores() {
        if (base == null) {
            CellScoring.Score test = scoring.score(spec.model(), Cell.ZERO_SHOT, spec.test(), List.of());
            Map<String, Double> shifts = new LinkedHashMap<>();
            spec.shifts().forEach((name, data) -> shifts.put(name,
                    scoring.score(spec.model(), Cell.ZERO_SHOT, data, List.of()).top1()));
            base = new CellRow(Cell.ZERO_SHOT, 0, 0, test.top1(), test.top5(), shifts, 0, null, List.of());
        }
        return base;
    }

    /** Trains the cell into its run folder and scores it; null when cancelled. */
    private CellRow trained(Cell cell) {
        Path dir = runDir(spec.out(), cell);
        if (Files.exists(dir)) {
            listener.onNote("restarting " + cell.name() + ": its run folder holds an unfinished run");
            FileTrees.delete(dir);
        }
        TrainingRequest request = new TrainingRequest(spec.model(), spec.train(), spec.val(), config(cell));
        long started = System.nanoTime();
        TrainingResult result = FineTuning.start(RunDestination.at(dir), request, listener.training(), cancelled);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (result.status() == RunStatus.CANCELLED) {
            return null;
        }
        if (result.status() != RunStatus.COMPLETED) {
            throw new DiagonalException("compare: cell " + cell.name() + " " + result.status() + ": " + result.message());
        }
        boolean sweep = CellScoring.changesWeights(cell.method());
        // α = 0 is the base model and α = 1 the run itself: both are scored anyway, so only the inside is swept
        List<Double> inside = sweep ? CellScoring.WISE_FT_ALPHAS.subList(1, CellScoring.WISE_FT_ALPHAS.size() - 1) : List.of();
        CellScoring.Score test = scoring.score(dir, cell.method(), spec.test(), inside);
        Map<String, CellScoring.Score> shifts = new LinkedHashMap<>();
        spec.shifts().forEach((name, data) -> shifts.put(name, scoring.score(dir, cell.method(), data, inside)));
        Map<String, Double> shiftTop1 = new LinkedHashMap<>();
        shifts.forEach((name, score) -> shiftTop1.put(name, score.top1()));
        List<CellRow.WiseFtPoint> points = sweep ? wiseFt(test, shifts) : List.of();
        return new CellRow(cell.method(), cell.shots(), cell.seed(), test.top1(), test.top5(), shiftTop1, seconds,
                spec.out().relativize(dir).toString(), points);
    }

    private List<CellRow.WiseFtPoint> wiseFt(CellScoring.Score test, Map<String, CellScoring.Score> shifts) {
        CellRow start = baseScores();
        List<CellRow.WiseFtPoint> points = new ArrayList<>();
        points.add(new CellRow.WiseFtPoint(0.0, start.testTop1(), start.shiftTop1()));
        for (int i = 0; i < test.wiseFt().size(); i++) {
            Map<String, Double> shift = new LinkedHashMap<>();
            int at = i;
            shifts.forEach((name, score) -> shift.put(name, score.wiseFt().get(at)));
            points.add(new CellRow.WiseFtPoint(CellScoring.WISE_FT_ALPHAS.get(i + 1), test.wiseFt().get(i), shift));
        }
        Map<String, Double> own = new LinkedHashMap<>();
        shifts.forEach((name, score) -> own.put(name, score.top1()));
        points.add(new CellRow.WiseFtPoint(1.0, test.top1(), own));
        return points;
    }

    private TrainingConfig config(Cell cell) {
        TrainingConfig.Builder builder = TrainingConfig.builder().method(cell.method()).shots(cell.shots())
                .seed(cell.seed()).batchSize(spec.batchSize()).device(spec.device());
        if (spec.templates() != null) {
            builder.captionTemplates(CaptionTemplates.load(spec.templates()).templates());
        }
        String lr = spec.lrFor(cell.method());
        if (lr != null) {
            builder.lr(lr);
        }
        Integer epochs = spec.epochsFor(cell.method());
        if (epochs != null) {
            builder.epochs(epochs);
        }
        return builder.build();
    }

    /**
     * Time left for the unfinished cells from {@code from} on: each at its method's mean so far here, else at
     * the mean of all cells run here.
     */
    private Duration eta(List<Cell> cells, List<CellRow> earlier, int from) {
        int done = doneByMethod.values().stream().mapToInt(Integer::intValue).sum();
        if (done == 0) {
            return null;
        }
        double overall = secondsByMethod.values().stream().mapToDouble(Double::doubleValue).sum() / done;
        double seconds = 0;
        for (int i = from; i < cells.size(); i++) {
            if (earlier.get(i) != null) {
                continue;
            }
            Cell cell = cells.get(i);
            Integer n = doneByMethod.get(cell.method());
            seconds += n == null ? overall : secondsByMethod.get(cell.method()) / n;
        }
        return Duration.ofSeconds(Math.round(seconds));
    }
}
