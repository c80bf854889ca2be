package dev.diagonal.app.zeroshot;

import dev.diagonal.DiagonalException;
import dev.diagonal.app.common.LoadedModel;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.common.TaskContext;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.ZeroShot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Zero-shot evaluation as background work: loads the dataset and the model if needed, then classifies
 * batch by batch, stopping between batches when cancelled.
 *
 * @param session    where the dataset and model come from
 * @param modelDir   the project's model folder
 * @param dataPath   the dataset's folder or manifest
 * @param classNames the prompt name of each class, aligned with the dataset's classes; null to derive them
 * @param templates  the prompt templates, each with {@code {}}
 * @param batchSize  images per forward pass
 */
record ZeroShotJob(Session session, Path modelDir, Path dataPath, List<String> classNames, List<String> templates,
        int batchSize) {

    ZeroShotOutcome run(TaskContext context) {
        long start = System.nanoTime();
        context.message("loading the dataset");
        context.progress(-1, -1);
        Dataset dataset = session.dataset(dataPath, (done, total) -> { }, false);
        if (!dataset.hasLabels()) {
            throw new DiagonalException(dataPath.getFileName() + " has no labels: zero-shot needs a class per image");
        }
        List<String> labels = dataset.classes();
        List<String> names = classNames == null ? ZeroShotViewModel.promptNames(labels) : classNames;
        if (names.size() != labels.size()) {
            throw new DiagonalException("class names: " + names.size() + " given for " + labels.size() + " classes");
        }
        context.checkCancelled();
        context.message("loading the model");
        LoadedModel model = session.modelFor(modelDir);
        context.checkCancelled();
        List<Sample> samples = dataset.samples();
        List<Path> images = samples.stream().map(Sample::image).toList();
        List<String> imageNames = images.stream().map(p -> p.getFileName().toString()).toList();
        int[] truth = dataset.labelIndices();
        context.message("embedding " + images.size() + " images");
        context.progress(0, images.size());
        ZeroShot.Result result = ZeroShot.evaluate(model.embedder(), images, imageNames, truth, names, templates,
                batchSize, done -> {
                    context.progress(done, images.size());
                    context.message(done + " of " + images.size() + " images");
                    context.checkCancelled();
                });
        return new ZeroShotOutcome(dataset.name(), images, result, model.device(), Duration.ofNanos(System.nanoTime() - start));
    }
}
