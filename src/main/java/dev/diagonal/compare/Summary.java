package dev.diagonal.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean ± standard deviation over the seeds of one method at one shot count: a {@code summary} entry of
 * {@code comparison.json}. The deviation is the sample one (n − 1), 0 for a single seed.
 *
 * @param method the method
 * @param shots images per class
 * @param seeds how many rows it summarises
 * @param testTop1 top-1 on the test set
 * @param testTop5 top-5 on the test set
 * @param shiftTop1 top-1 on each shift set
 * @param trainSeconds training time
 */
public record Summary(String method, int shots, int seeds,
        @JsonProperty("test_top1") MeanStd testTop1,
        @JsonProperty("test_top5") MeanStd testTop5,
        @JsonProperty("shift_top1") Map<String, MeanStd> shiftTop1,
        @JsonProperty("train_seconds") MeanStd trainSeconds) {

    /** A mean and a standard deviation. */
    public record MeanStd(double mean, double std) {

        /** Of {@code values} (not empty). */
        public static MeanStd of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (values.size() < 2) {
                return new MeanStd(mean, 0);
            }
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new MeanStd(mean, Math.sqrt(squares / (values.size() - 1)));
        }
    }

    /** One summary per method and shot count, in the order the rows first name them. */
    public static List<Summary> of(List<CellRow> rows) {
        Map<String, List<CellRow>> groups = new LinkedHashMap<>();
        for (CellRow row : rows) {
            groups.computeIfAbsent(row.method() + "\u0000" + row.shots(), k -> new ArrayList<>()).add(row);
        }
        List<Summary> out = new ArrayList<>();
        for (List<CellRow> group : groups.values()) {
            Map<String, MeanStd> shifts = new LinkedHashMap<>();
            for (String name : group.get(0).shiftTop1().keySet()) {
                shifts.put(name, MeanStd.of(group.stream().map(r -> r.shiftTop1().get(name)).toList()));
            }
            out.add(new Summary(group.get(0).method(), group.get(0).shots(), group.size(),
                    MeanStd.of(group.stream().map(CellRow::testTop1).toList()),
                    MeanStd.of(group.stream().map(CellRow::testTop5).toList()), shifts,
                    MeanStd.of(group.stream().map(CellRow::trainSeconds).toList())));
        }
        return out;
    }
}
