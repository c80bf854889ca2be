package dev.diagonal.eval;

import dev.diagonal.DiagonalException;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.Sample;
import dev.diagonal.io.HfExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code evaluate --wise-ft}: scores {@code (1−α)·start + α·run} for each α on the images the run itself was
 * scored on: one {@code {alpha, metrics}} per α, {@code metrics} named as the run's own result's ({@link MetricNames}).
 */
final class WiseFtSweep {

    private WiseFtSweep() {}

    static List<Map<String, Object>> score(ModelSource source, Dataset dataset, List<Sample> samples,
            CaptionTemplates prompts, Evaluation.Request request, Evaluation.Progress progress, Consumer<String> note,
            BooleanSupplier cancelled) {
        List<Path> images = samples.stream().map(Sample::image).toList();
        List<Map<String, Object>> results = new ArrayList<>();
        int unit = dataset.samples().size();
        int total = unit * (1 + request.wiseFt().size());
        for (double alpha : request.wiseFt()) {
            int offset = unit * (1 + results.size());
            Path dir = temporaryFolder();
            try {
                WiseFtModel.write(source, alpha, dir.resolve("model"), HfExport.Options.defaults(), "--wise-ft");
                try (Embedder embedder = Embedder.open(dir.resolve("model"), Devices.select(request.device()))) {
                    float[][] features = embedder.embedImages(images, request.batchSize(), done -> {
                        progress.update(offset + done, total);
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("evaluation cancelled");
                        }
                    });
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    if (dataset.hasLabels()) {
                        metrics.putAll(Scores.zeroShot(Evaluation.zeroShot(embedder, dataset, samples, features, prompts,
                                request, new ZeroShot.Skipped(0, List.of()))));
                    }
                    if (dataset.hasCaptions()) {
                        metrics.putAll(Evaluation.retrieval(embedder, samples, features, request.batchSize()));
                    }
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("alpha", alpha);
                    result.put("metrics", metrics);
                    results.add(result);
                    note.accept(String.format("wise-ft alpha %.3g: top-1 %s", alpha, metrics.get(MetricNames.ZEROSHOT_TOP1)));
                }
            } finally {
                delete(dir);
            }
        }
        return results;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("diagonal-wise-ft-");
        } catch (IOException e) {
            throw new DiagonalException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary model is harmless
        }
    }
}
