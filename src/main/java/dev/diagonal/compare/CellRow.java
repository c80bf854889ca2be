package dev.diagonal.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of one finished {@link Cell}: a row of {@code comparison.json}, also kept alone in
 * {@code cells/<cell>.json} so a rerun can skip the cell.
 *
 * @param method the cell's method ({@code zero-shot} for the base model)
 * @param shots images per class (0 for zero-shot)
 * @param seed the cell's seed
 * @param testTop1 top-1 on the test set, by the method's own classifier (see {@link CellScoring})
 * @param testTop5 top-5 on the test set
 * @param shiftTop1 top-1 on each shift set, by shift name
 * @param trainSeconds wall-clock seconds of training (0 for zero-shot)
 * @param run the run folder relative to the comparison folder, or null for zero-shot
 * @param wiseFt the WiSE-FT sweep, α ascending (empty for methods that leave the weights unchanged)
 */
public record CellRow(String method, int shots, long seed,
        @JsonProperty("test_top1") double testTop1,
        @JsonProperty("test_top5") double testTop5,
        @JsonProperty("shift_top1") Map<String, Double> shiftTop1,
        @JsonProperty("train_seconds") double trainSeconds,
        String run,
        @JsonProperty("wise_ft") List<WiseFtPoint> wiseFt) {

    /** Keeps the shift order and freezes the lists. */
    public CellRow {
        shiftTop1 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shiftTop1 == null ? Map.of() : shiftTop1));
        wiseFt = wiseFt == null ? List.of() : List.copyOf(wiseFt);
    }

    /** The cell this row belongs to. */
    public Cell cell() {
        return new Cell(method, shots, seed);
    }

    /** This row with another training time (runs of one cell differ only there). */
    public CellRow withTrainSeconds(double seconds) {
        return new CellRow(method, shots, seed, testTop1, testTop5, shiftTop1, seconds, run, wiseFt);
    }

    /** The mean top-1 over the shift sets (NaN when there are none): the y of the ID-vs-OOD scatter. */
    public double meanShiftTop1() {
        return mean(shiftTop1);
    }

    static double mean(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * One α of the WiSE-FT sweep, {@code (1−α)·start + α·run}.
     *
     * @param alpha the run's weight
     * @param testTop1 zero-shot top-1 of the interpolated model on the test set
     * @param shiftTop1 the same on each shift set
     */
    public record WiseFtPoint(double alpha, @JsonProperty("test_top1") double testTop1,
            @JsonProperty("shift_top1") Map<String, Double> shiftTop1) {

        /** Keeps the shift order. */
        public WiseFtPoint {
            shiftTop1 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shiftTop1 == null ? Map.of() : shiftTop1));
        }

        /** The mean top-1 over the shift sets. */
        public double meanShiftTop1() {
            return mean(shiftTop1);
        }
    }
}
