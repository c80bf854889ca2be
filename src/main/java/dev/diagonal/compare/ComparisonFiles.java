package dev.diagonal.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.diagonal.io.AtomicFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a comparison folder: {@code comparison.json} (the settings, {@code rows} and
 * {@code summary}), {@code comparison.csv} (one line per row) and the two charts, each written atomically.
 */
public final class ComparisonFiles {

    /** The JSON result. */
    public static final String JSON_FILE = "comparison.json";
    /** The rows as CSV. */
    public static final String CSV_FILE = "comparison.csv";
    /** Test top-1 against shots per method. */
    public static final String FEW_SHOT_PNG = "few-shot.png";
    /** Test top-1 against shift top-1 on logit axes. */
    public static final String ID_VS_OOD_PNG = "id-vs-ood.png";

    /** Where {@value #ID_VS_OOD_PNG} drew each cell, as {@link ChartPoint}s in its pixels. */
    public static final String ID_VS_OOD_POINTS = "id-vs-ood-points.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonFiles() {}

    /**
     * Writes the comparison files from the rows of the finished cells: JSON, CSV, the two PNGs and where the
     * ID-vs-OOD chart drew each cell.
     *
     * @param base the base model's scores (the zero-shot star), or null when not known
     */
    static void write(CompareSpec spec, List<CellRow> rows, CellRow base) {
        Path out = spec.out();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", spec.model().toAbsolutePath().normalize().toString());
        json.put("train", spec.train().toAbsolutePath().normalize().toString());
        json.put("test", spec.test().toAbsolutePath().normalize().toString());
        Map<String, String> shifts = new LinkedHashMap<>();
        spec.shifts().forEach((name, path) -> shifts.put(name, path.toAbsolutePath().normalize().toString()));
        json.put("shifts", shifts);
        json.put("methods", spec.methods());
        json.put("shots", spec.shots());
        json.put("seeds", spec.seeds());
        json.put("wise_ft_alphas", CellScoring.WISE_FT_ALPHAS);
        json.put("cells", spec.cells().size());
        json.put("rows", rows);
        json.put("summary", Summary.of(rows));
        AtomicFiles.write(out.resolve(JSON_FILE), stream -> JSON.writeValue(new KeepOpen(stream), json));
        AtomicFiles.writeString(out.resolve(CSV_FILE), csv(rows, List.copyOf(spec.shifts().keySet())));
        Charts.fewShot(out.resolve(FEW_SHOT_PNG), rows);
        if (!spec.shifts().isEmpty()) {
            List<ChartPoint> points = Charts.idVsOod(out.resolve(ID_VS_OOD_PNG), rows, base,
                    List.copyOf(spec.shifts().keySet()));
            AtomicFiles.write(out.resolve(ID_VS_OOD_POINTS), stream -> JSON.writeValue(new KeepOpen(stream), points));
        }
    }

    /**
     * Draws the in-distribution vs shift scatter of {@code rows} alone (the demo's robustness plot): logit axes,
     * y = x, the zero-shot row as a star, each other row as a point with its WiSE-FT curve.
     */
    public static void writeIdVsOod(Path file, List<CellRow> rows, List<String> shifts) {
        Charts.idVsOod(file, rows, null, shifts);
    }

    /**
     * The rows of the {@code comparison.json} in {@code out}, in cell order; empty when the folder has none yet.
     *
     * @throws DiagonalException when the file is there but cannot be read
     */
    public static List<CellRow> readRows(Path out) {
        Path file = out.resolve(JSON_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            CellRow[] rows = JSON.treeToValue(JSON.readTree(file.toFile()).path("rows"), CellRow[].class);
            return rows == null ? List.of() : List.of(rows);
        } catch (IOException e) {
            throw new dev.diagonal.DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The comparison folder under {@code parent} whose results were written last, if any. */
    public static Optional<Path> newestIn(Path parent) {
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(parent)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(JSON_FILE)))
                    .max(Comparator.comparing(f -> f.resolve(JSON_FILE).toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty(); // nothing to show; a new comparison can still start
        }
    }

    /**
     * Where {@value #ID_VS_OOD_PNG} in {@code out} drew each cell; empty when there is no such chart or the
     * file cannot be read (the chart then simply does not answer clicks).
     */
    public static List<ChartPoint> readPoints(Path out) {
        Path file = out.resolve(ID_VS_OOD_POINTS);
        try {
            return Files.isRegularFile(file) ? List.of(JSON.readValue(file.toFile(), ChartPoint[].class))
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@code method,shots,seed,test_top1,test_top5,shift_<name>_top1…,train_seconds,run}. */
    static String csv(List<CellRow> rows, List<String> shifts) {
        List<String> header = new ArrayList<>(List.of("method", "shots", "seed", "test_top1", "test_top5"));
        shifts.forEach(name -> header.add("shift_" + name + "_top1"));
        header.add("train_seconds");
        header.add("run");
        StringBuilder text = new StringBuilder(String.join(",", header.stream().map(ComparisonFiles::quote).toList())).append('\n');
        for (CellRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.method(), Integer.toString(row.shots()),
                    Long.toString(row.seed()), Double.toString(row.testTop1()), Double.toString(row.testTop5())));
            shifts.forEach(name -> cells.add(String.valueOf(row.shiftTop1().get(name))));
            cells.add(String.format(Locale.ROOT, "%.3f", row.trainSeconds()));
            cells.add(row.run() == null ? "" : row.run());
            text.append(String.join(",", cells.stream().map(ComparisonFiles::quote).toList())).append('\n');
        }
        return text.toString();
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Jackson closes the stream it writes; {@link AtomicFiles} still needs it open to sync. */
    static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
