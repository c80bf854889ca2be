package dev.diagonal.demo;

import dev.diagonal.io.FileTrees;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.diagonal.DiagonalException;
import dev.diagonal.compare.CellRow;
import dev.diagonal.compare.ComparisonFiles;
import dev.diagonal.data.Sample;
import dev.diagonal.io.AtomicFiles;
import dev.diagonal.project.StepEvent;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The demo's report folder: {@code summary.json} (every number), {@code methods.csv} (the method table),
 * {@code robustness.png} (held-out Twitter against Google on logit axes, with the WiSE-FT curves, as {@code compare} draws it),
 * {@code curves.png} and {@code curves.csv} (the contrastive run), {@code heatmap-before.png} and
 * {@code heatmap-after.png} (held-out images against their class prompts, on one colour scale), and the run
 * folders under {@code runs/}. A folder holding an earlier report is replaced; any
 * other non-empty folder is refused, so the demo never deletes a user's files.
 */
final class DemoReport {

    static final String SUMMARY = "summary.json";
    /** Written first, so that a report cut short (Ctrl-C, a crash) is still recognised as one and replaced. */
    static final String MARKER = ".diagonal-demo-report";
    static final String ROBUSTNESS = "robustness.png";
    static final List<String> FILES = List.of(SUMMARY, "methods.csv", ROBUSTNESS, "curves.png", "curves.csv", "heatmap-before.png",
            "heatmap-after.png");
    /** The folder of the method runs, one run folder per method. */
    static final String RUNS = "runs";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    private DemoReport(Path folder) {
        this.folder = folder;
    }

    /** Empties (or creates) the report folder; refuses a non-empty folder that is not an earlier report. */
    static DemoReport prepare(Path out) {
        Path folder = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new DiagonalException("--out " + folder + " is a file, not a folder");
            }
            if (Files.isDirectory(folder)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(folder)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.isRegularFile(folder.resolve(SUMMARY)) && !Files.isRegularFile(folder.resolve(MARKER))) {
                    throw new DiagonalException("--out " + folder + " is not empty and holds no earlier demo report ("
                            + SUMMARY + "); choose another folder");
                }
                FileTrees.deleteInside(folder);
            }
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(MARKER), "written by ./diagonal demo; the folder is replaced by the next demo\n");
        } catch (IOException e) {
            throw new DiagonalException("cannot prepare " + folder + ": " + e.getMessage(), e);
        }
        return new DemoReport(folder);
    }

    Path folder() {
        return folder;
    }

    Path runDir(String method) {
        return folder.resolve(RUNS).resolve(method);
    }

    /** Writes a label-only manifest ({@code filepath,label}, image paths absolute) of the given sets and returns its path. */
    Path writeLabels(String name, List<List<Sample>> sets) {
        StringBuilder csv = new StringBuilder("filepath,label\n");
        for (List<Sample> set : sets) {
            for (Sample s : set) {
                csv.append(quoted(s.image().toAbsolutePath().toString())).append(',').append(quoted(s.label())).append('\n');
            }
        }
        Path file = folder.resolve(name);
        AtomicFiles.writeString(file, csv.toString());
        return file;
    }

    private static String quoted(String field) {
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }

    /** Writes every file; the summary last, with the list of files, and returns it. */
    Map<String, Object> write(Map<String, Object> summary, CurveRecorder curves, int batchSize, List<Sample> probe,
            float[][] before, float[][] after, List<Map<String, Object>> methods, List<CellRow> cells) {
        writeMethods(folder.resolve("methods.csv"), methods);
        ComparisonFiles.writeIdVsOod(folder.resolve(ROBUSTNESS), cells, List.of(Demo.GOOGLE));
        CurvesPng.write(folder.resolve("curves.png"), "Contrastive fine-tuning of the starter on the Twitter adaptation set",
                curves.loss(), Math.log(batchSize), curves.evaluations());
        writeCsv(folder.resolve("curves.csv"), curves.steps());
        List<BufferedImage> thumbnails = probe.stream().map(s -> thumbnail(s.image())).toList();
        List<String> captions = probe.stream().map(Sample::label).toList();
        double low = Math.min(min(before), min(after));
        double high = Math.max(max(before), max(after));
        HeatmapPng.write(folder.resolve("heatmap-before.png"), "Held-out Twitter against their class prompts: starter (before)",
                thumbnails, captions, before, low, high);
        HeatmapPng.write(folder.resolve("heatmap-after.png"), "Held-out Twitter against their class prompts: after contrastive fine-tuning",
                thumbnails, captions, after, low, high);
        Map<String, Object> probeSummary = new java.util.LinkedHashMap<>();
        probeSummary.put("images", probe.stream().map(s -> s.image().getFileName().toString()).toList());
        probeSummary.put("classes", captions);
        probeSummary.put("diagonal_before", diagonal(before));
        probeSummary.put("off_diagonal_before", offDiagonal(before));
        probeSummary.put("diagonal_after", diagonal(after));
        probeSummary.put("off_diagonal_after", offDiagonal(after));
        summary.put("probe", probeSummary);
        summary.put("probe_margin_before", diagonal(before) - offDiagonal(before));
        summary.put("probe_margin_after", diagonal(after) - offDiagonal(after));
        summary.put("files", FILES);
        try {
            byte[] bytes = JSON.writeValueAsBytes(summary);
            AtomicFiles.write(folder.resolve(SUMMARY), out -> {
                out.write(bytes);
                out.write('\n');
            });
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + folder.resolve(SUMMARY) + ": " + e.getMessage(), e);
        }
        return summary;
    }

    private static void writeMethods(Path file, List<Map<String, Object>> methods) {
        StringBuilder csv = new StringBuilder("method,heldout_top1,google_top1,train_seconds\n");
        for (Map<String, Object> row : methods) {
            Object seconds = row.get("train_seconds");
            csv.append(row.get("method")).append(String.format(Locale.ROOT, ",%.4f,%.4f,", (double) row.get("heldout_top1"),
                    (double) row.get("google_top1"))).append(seconds == null ? "" : String.format(Locale.ROOT, "%.0f",
                    (double) seconds)).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static void writeCsv(Path file, List<StepEvent> steps) {
        StringBuilder csv = new StringBuilder("step,loss,lr,logit_scale\n");
        for (StepEvent s : steps) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6g,%.4f%n", s.step(), s.loss(), s.lr(), s.logitScale()));
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /** The image over white, as the report shows it. */
    private static BufferedImage thumbnail(Path image) {
        try {
            BufferedImage source = ImageIO.read(image.toFile());
            if (source == null) {
                throw new DiagonalException("cannot read image " + image);
            }
            BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, 0, 0, null);
            g.dispose();
            return out;
        } catch (IOException e) {
            throw new DiagonalException("cannot read image " + image + ": " + e.getMessage(), e);
        }
    }

    static double diagonal(float[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += m[i][i];
        }
        return sum / m.length;
    }

    static double offDiagonal(float[][] m) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (i != j) {
                    sum += m[i][j];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double min(float[][] m) {
        double v = Double.MAX_VALUE;
        for (float[] row : m) {
            for (float x : row) {
                v = Math.min(v, x);
            }
        }
        return v;
    }

    private static double max(float[][] m) {
        double v = -Double.MAX_VALUE;
        for (float[] row : m) {
            for (float x : row) {
                v = Math.max(v, x);
            }
        }
        return v;
    }
}
