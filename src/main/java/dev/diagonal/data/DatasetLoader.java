package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a dataset from an ImageFolder (a folder with one subfolder of images per class), a CSV/TSV
 * manifest with a header ({@code .csv}, {@code .tsv}, {@code .txt}; delimiter sniffed), or a JSON Lines
 * manifest ({@code .jsonl}, {@code .ndjson}). Image paths in manifests are relative to the manifest's folder.
 * Bad rows are skipped and counted in the {@link ValidationReport}; only problems with the input as a
 * whole (missing file, unknown type, missing columns, an unreadable header) throw.
 */
public final class DatasetLoader {

    /** Receives image-check progress: {@code done} of {@code total} distinct images checked. Called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        /** Called after each image check with the number done so far and the number to do. */
        void update(int done, int total);
    }

    /**
     * How to validate.
     *
     * @param imageCheck the check run on every distinct image
     * @param threads how many images to check at once (at least 1)
     * @param maxExamples how many example rows the report keeps per problem kind
     * @param progress receives image-check progress
     */
    public record Options(ImageCheck imageCheck, int threads, int maxExamples, Progress progress) {

        /** Validates the components. */
        public Options {
            Objects.requireNonNull(imageCheck, "imageCheck");
            Objects.requireNonNull(progress, "progress");
            if (threads < 1 || maxExamples < 0) {
                throw new IllegalArgumentException("threads must be >= 1 and maxExamples >= 0");
            }
        }

        /** Full decoding of every image, up to 4 threads, 5 examples per problem, no progress. */
        public static Options defaults() {
            int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
            return new Options(ImageCheck.decoding(), threads, 5, (done, total) -> {});
        }

        /** These options with another image check (e.g. {@link ImageCheck#headerOnly()} for big sets). */
        public Options withImageCheck(ImageCheck check) {
            return new Options(check, threads, maxExamples, progress);
        }

        /** These options with another pool size. */
        public Options withThreads(int count) {
            return new Options(imageCheck, count, maxExamples, progress);
        }

        /** These options keeping another number of examples per problem kind. */
        public Options withMaxExamples(int count) {
            return new Options(imageCheck, threads, count, progress);
        }

        /** These options reporting progress to {@code listener}. */
        public Options withProgress(Progress listener) {
            return new Options(imageCheck, threads, maxExamples, listener);
        }
    }

    private DatasetLoader() {}

    /** Loads with {@link ColumnMapping#auto()} and {@link Options#defaults()}. */
    public static Dataset load(Path folderOrManifest) {
        return load(folderOrManifest, ColumnMapping.auto(), Options.defaults());
    }

    /**
     * Loads and validates a dataset.
     *
     * @throws DiagonalException when the path does not exist, is of an unknown type, a manifest lacks
     *     the needed columns or has an unreadable header, or a folder has no class subfolders with images
     */
    public static Dataset load(Path folderOrManifest, ColumnMapping mapping, Options options) {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(options, "options");
        if (!Files.exists(folderOrManifest)) {
            throw new DiagonalException("dataset not found: " + folderOrManifest);
        }
        try {
            if (Files.isDirectory(folderOrManifest)) {
                return loadImageFolder(folderOrManifest, options);
            }
            return loadManifest(folderOrManifest, mapping, options);
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + folderOrManifest + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the dataset when at least one sample is usable.
     *
     * @throws DiagonalException carrying the report's summary when nothing valid is left
     */
    public static Dataset requireUsable(Dataset dataset) {
        if (!dataset.report().isUsable()) {
            throw new DiagonalException("no usable samples in " + dataset.source() + "\n" + dataset.report().summary());
        }
        return dataset;
    }

    private static Dataset loadImageFolder(Path folder, Options options) throws IOException {
        ReportBuilder report = new ReportBuilder(options.maxExamples());
        ImageFolderReader.Contents contents = ImageFolderReader.read(folder, report);
        List<Sample> samples = ImageValidation.usable(contents.candidates(), options, report);
        return finish(folder, fileName(folder), contents.candidates().size(), samples, contents.classes(), report);
    }

    private static Dataset loadManifest(Path manifest, ColumnMapping mapping, Options options) throws IOException {
        String fileName = fileName(manifest);
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        RawTable table = switch (extension) {
            case "csv", "tsv", "txt" -> CsvManifestReader.read(manifest);
            case "jsonl", "ndjson" -> JsonlManifestReader.read(manifest);
            default -> throw new DiagonalException(manifest + ": unknown dataset type (expected a folder, "
                    + ".csv, .tsv, .txt or .jsonl)");
        };
        String name = dot <= 0 ? fileName : fileName.substring(0, dot);
        ReportBuilder report = new ReportBuilder(options.maxExamples());
        if (table.rows().isEmpty()) {
            report.note("the manifest has no rows");
            return finish(manifest, name, 0, List.of(), List.of(), report);
        }
        if (table.columns().isEmpty()) {
            // every line was bad, so there is nothing to map: report the lines themselves
            ManifestRows.candidates(table, new ColumnMapping.Resolved("", null, null), manifest, report);
            return finish(manifest, name, table.rows().size(), List.of(), List.of(), report);
        }
        ColumnMapping.Resolved columns = mapping.resolve(table.columns(), manifest.toString());
        List<Candidate> candidates = ManifestRows.candidates(table, columns, manifest, report);
        List<Sample> samples = ImageValidation.usable(candidates, options, report);
        Set<String> labels = new TreeSet<>();
        samples.forEach(s -> {
            if (s.label() != null) {
                labels.add(s.label());
            }
        });
        return finish(manifest, name, table.rows().size(), samples, List.copyOf(labels), report);
    }

    private static Dataset finish(Path source, String name, int totalRows, List<Sample> samples, List<String> classes,
            ReportBuilder builder) {
        ValidationReport report = builder.build(source.toString(), totalRows, samples.size(),
                classes.isEmpty() ? Map.of() : Dataset.countClasses(samples, classes));
        return new Dataset(name, source, samples, classes, report);
    }

    private static String fileName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
