package dev.diagonal.handoff;

import ai.djl.Device;
import dev.diagonal.DiagonalException;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.Similarity;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Similarity snapshots for an imported run: the probe (the first {@code probe_size} rows of the job's
 * {@code val.csv}, else {@code train.csv}) re-scored on each imported checkpoint, written as the Fine-tune
 * screen's {@code similarity/step-N.json}. Best effort: without the job's CSV or images nothing is written.
 */
final class ProbeSnapshots {

    private ProbeSnapshots() {}

    /**
     * Writes one snapshot per {@code step → model folder}.
     *
     * @return how many were written, or a note on why none were
     */
    static String write(RunFolder run, Path jobDir, int probeSize, Map<Long, Path> models) {
        Path csv = Files.isRegularFile(jobDir.resolve("val.csv")) ? jobDir.resolve("val.csv") : jobDir.resolve("train.csv");
        if (!Files.isRegularFile(csv)) {
            return "no similarity snapshots: the job's val.csv / train.csv is not beside its output";
        }
        List<Path> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        try {
            for (Sample sample : DatasetLoader.load(csv).samples()) {
                if (images.size() == probeSize) {
                    break;
                }
                images.add(sample.image());
                captions.add(sample.caption());
            }
        } catch (RuntimeException e) {
            return "no similarity snapshots: cannot read " + csv + " (" + e.getMessage() + ")";
        }
        if (images.size() < 2) {
            return "no similarity snapshots: fewer than 2 of the probe's images are readable";
        }
        List<String> rows = images.stream().map(p -> p.getFileName().toString()).toList();
        List<String> paths = images.stream().map(Path::toString).toList();
        int written = 0;
        for (Map.Entry<Long, Path> entry : models.entrySet()) {
            try (Embedder embedder = Embedder.open(entry.getValue(), Device.cpu())) {
                float[][] cosine = Similarity.cosine(embedder.embedImages(images, 8, i -> { }), embedder.embedTexts(captions, 8));
                run.writeSimilarity(new SimilaritySnapshot(entry.getKey(), rows, captions, cosine, paths));
                written++;
            } catch (DiagonalException e) {
                return "similarity snapshots stopped at step " + entry.getKey() + ": " + e.getMessage();
            }
        }
        return written + " similarity snapshots (the probe of " + images.size() + " pairs re-scored)";
    }
}
