package dev.diagonal.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine of {@code ./diagonal evaluate}: one model (a folder, or a run's best model) on one
 * dataset, scored by the one core ({@link Scores}). Every number is in the flat {@code metrics} object
 * under its {@link MetricNames} name, as {@code metrics.jsonl} and {@code zeroshot} name it: with labels
 * {@code zeroshot_top1}, {@code zeroshot_top5}; with captions the retrieval names ({@code image_to_text_r1} …
 * {@code recall_at_1}); a linear-probe run also {@code linear_probe_top1}/{@code _top5}, a Tip-Adapter run
 * {@code tip_adapter_top1}/{@code _top5}. A metric that cannot be measured is absent, with a note saying why.
 * The detail stays beside it: with labels {@code classes}, {@code per_class}, {@code confusion},
 * {@code predictions}; with captions {@code retrieval_pairs}; {@code linear_probe} and {@code tip_adapter}
 * hold those classifiers' per-class detail. Images that cannot be decoded at first use are left out of every
 * score and listed under {@code skipped} ({@code count}, {@code files}), each also named in a note. With
 * WiSE-FT weights α, {@code wise_ft} lists one {@code {alpha, metrics}} per α for {@code (1−α)·start + α·run}.
 */
public final class Evaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to evaluate.
     *
     * @param model an HF model folder or a run folder
     * @param data a dataset folder or manifest
     * @param templates prompt templates file, or null for the built-in set
     * @param device {@code cpu}, {@code gpu} or {@code auto}
     * @param batchSize images or texts per forward pass
     * @param latest for a run folder: its latest checkpoint (the weights at the end of training) instead of
     *     {@code best/}
     * @param wiseFt WiSE-FT weights α to score besides the run itself (empty for none; needs a run folder)
     */
    public record Request(Path model, Path data, Path templates, String device, int batchSize, boolean latest,
            List<Double> wiseFt) {

        /** A request without a WiSE-FT sweep. */
        public Request(Path model, Path data, Path templates, String device, int batchSize, boolean latest) {
            this(model, data, templates, device, batchSize, latest, List.of());
        }

        /** A request that takes a run's {@code best/} model. */
        public Request(Path model, Path data, Path templates, String device, int batchSize) {
            this(model, data, templates, device, batchSize, false);
        }
    }

    /** Hears progress: {@code done} of {@code total} images embedded. */
    @FunctionalInterface
    public interface Progress {
        /** Called after each batch. */
        void update(int done, int total);
    }

    private Evaluation() {}

    /**
     * Runs the evaluation and returns the JSON-ready result (ordered map).
     *
     * @param notes hears remarks also listed under {@code notes} (skipped rows, missing parts)
     * @param cancelled polled between batches
     * @throws CancellationException when cancelled
     * @throws DiagonalException for bad input, naming the file
     */
    public static Map<String, Object> run(Request request, Progress progress, Consumer<String> notes,
            BooleanSupplier cancelled) {
        if (request.batchSize() < 1) {
            throw new DiagonalException("--batch-size must be at least 1, not " + request.batchSize());
        }
        ModelSource source = ModelSource.resolve(request.model(), request.latest());
        request.wiseFt().forEach(alpha -> dev.diagonal.io.WiseFt.validateAlpha(alpha, "--wise-ft"));
        if (!request.wiseFt().isEmpty()) {
            WiseFtModel.startModel(source, "--wise-ft"); // fail before the first embedding
        }
        if (source.run() != null) {
            notes.accept("evaluating " + source.description()); // which of the run's weights
        }
        CaptionTemplates prompts = request.templates() == null ? CaptionTemplates.defaults()
                : CaptionTemplates.load(request.templates());
        Dataset dataset = DatasetLoader.requireUsable(DatasetLoader.load(request.data()));
        List<String> remarks = new ArrayList<>();
        Consumer<String> note = text -> {
            remarks.add(text);
            notes.accept(text);
        };
        if (dataset.report().skippedRows() > 0) {
            note.accept(dataset.report().skippedRows() + " rows of " + request.data() + " skipped; see the validation report");
        }
        List<Sample> samples = dataset.samples();
        List<Path> images = samples.stream().map(Sample::image).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        ZeroShot.Skipped skipped;
        try (ModelView view = ModelView.of(source); Embedder embedder = Embedder.open(view.folder(), Devices.select(request.device()),
                ImageFeatureCache.shared())) {
            int total = images.size() * (1 + request.wiseFt().size()); // the sweep embeds the images once per α
            Embedder.Embedded embedded = embedder.embedReadable(images, request.batchSize(), done -> {
                progress.update(done, total);
                if (done < images.size() && cancelled.getAsBoolean()) {
                    throw new CancellationException("evaluation cancelled");
                }
            });
            // every score below is over the images that could be decoded
            List<String> allNames = samples.stream().map(s -> relativeName(request.data(), s.image())).toList();
            ZeroShot.Skipped.warnings(embedded, allNames).forEach(note);
            skipped = ZeroShot.Skipped.of(embedded, allNames);
            samples = ZeroShot.keep(samples, embedded.kept());
            float[][] imageFeatures = embedded.features();
            out.put("metrics", metrics);
            if (dataset.hasLabels()) {
                ZeroShot.Result result = zeroShot(embedder, dataset, samples, imageFeatures, prompts, request, skipped);
                metrics.putAll(Scores.zeroShot(result));
                Map<String, Object> detail = JSON.convertValue(result, LinkedHashMap.class);
                detail.remove("metrics");
                detail.remove("skipped"); // written once, below
                out.putAll(detail);
            } else {
                note.accept("no zero-shot scores: the data have no class labels");
            }
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("evaluation cancelled");
            }
            if (dataset.hasCaptions()) {
                metrics.putAll(retrieval(embedder, samples, imageFeatures, request.batchSize()));
                out.put("retrieval_pairs", samples.size());
            } else {
                note.accept("no retrieval scores: the data have no captions (captions made from class names would not test retrieval)");
            }
            if (source.run() != null && Files.isRegularFile(source.run().resolve(LinearProbeResultFile.RESULT_FILE))
                    && dataset.hasLabels()) {
                LinearProbeMetrics probe = linearProbe(source.run(), samples, imageFeatures, note);
                metrics.putAll(Scores.classifier(probe, MetricNames.LINEAR_PROBE_TOP1, MetricNames.LINEAR_PROBE_TOP5));
                out.put("linear_probe", probe);
            }
            if (source.run() != null && Files.isRegularFile(source.run().resolve(TipAdapter.FILE)) && dataset.hasLabels()) {
                LinearProbeMetrics tip = tipAdapter(source.run(), samples, imageFeatures, note);
                metrics.putAll(Scores.classifier(tip, MetricNames.TIP_ADAPTER_TOP1, MetricNames.TIP_ADAPTER_TOP5));
                out.put("tip_adapter", tip);
            }
        }
        if (!request.wiseFt().isEmpty()) {
            out.put("wise_ft", WiseFtSweep.score(source, dataset, samples, prompts, request, progress, note, cancelled));
        }
        out.put("model", source.description());
        out.put("data", request.data().toAbsolutePath().normalize().toString());
        out.put("images", images.size());
        out.put("skipped", JSON.convertValue(skipped, LinkedHashMap.class)); // same form as zero-shot's
        out.put("notes", remarks);
        return out;
    }

    /** Zero-shot classification of the kept samples among the dataset's classes, named as {@code zeroshot} names them. */
    static ZeroShot.Result zeroShot(Embedder embedder, Dataset dataset, List<Sample> samples,
            float[][] imageFeatures, CaptionTemplates prompts, Request request, ZeroShot.Skipped skipped) {
        List<String> labels = dataset.classes();
        List<String> classNames = labels.stream().map(CaptionTemplates::className).toList();
        int[] truth = samples.stream().mapToInt(s -> labels.indexOf(s.label())).toArray();
        List<String> names = samples.stream().map(s -> relativeName(request.data(), s.image())).toList();
        return Scores.zeroShot(embedder, imageFeatures, truth, names, classNames, prompts.templates(),
                embedder.logitScaleExp(), request.batchSize(), skipped);
    }

    /** Retrieval of the kept samples' images against their captions. */
    static Map<String, Double> retrieval(Embedder embedder, List<Sample> samples, float[][] imageFeatures, int batchSize) {
        return Scores.retrieval(embedder, imageFeatures, samples.stream().map(Sample::caption).toList(), batchSize);
    }

    /** The run's probe on the images whose label it knows. */
    private static LinearProbeMetrics linearProbe(Path run, List<Sample> samples, float[][] features, Consumer<String> note) {
        LinearProbe probe = LinearProbeResultFile.loadProbe(run);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            int index = probe.classes().indexOf(samples.get(i).label());
            if (index >= 0) {
                rows.add(features[i]);
                labels.add(index);
            }
        }
        if (rows.size() < samples.size()) {
            note.accept((samples.size() - rows.size()) + " images have classes the linear probe was not trained on; its scores leave them out");
        }
        return probe.evaluate(rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The run's Tip-Adapter on the images whose label it knows (features normalised, as it was built on). */
    private static LinearProbeMetrics tipAdapter(Path run, List<Sample> samples, float[][] features, Consumer<String> note) {
        TipAdapter adapter = TipAdapter.load(run.resolve(TipAdapter.FILE));
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            int index = adapter.labels().indexOf(samples.get(i).label());
            if (index >= 0) {
                rows.add(Similarity.normalized(features[i]));
                labels.add(index);
            }
        }
        if (rows.size() < samples.size()) {
            note.accept((samples.size() - rows.size()) + " images have classes the Tip-Adapter cache does not hold; its scores leave them out");
        }
        return adapter.evaluate(rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** How an image is named in results: relative to the dataset's folder (or its manifest's folder) when inside it. */
    public static String relativeName(Path data, Path image) {
        Path base = data.toAbsolutePath().normalize();
        Path root = Files.isDirectory(base) ? base : base.getParent();
        Path absolute = image.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : image.toString();
    }
}
