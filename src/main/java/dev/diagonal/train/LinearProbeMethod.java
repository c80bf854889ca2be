package dev.diagonal.train;

import ai.djl.Device;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.LinearProbe;
import dev.diagonal.eval.LinearProbeData;
import dev.diagonal.eval.LinearProbeFit;
import dev.diagonal.eval.LinearProbeResultFile;
import dev.diagonal.eval.LinearProbeSweep;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A linear probe ({@code finetune --method linear-probe}): embeds the training and validation images with
 * the frozen model, each training image also in {@value #VIEWS} augmented views (the run's {@code --augment}, or
 * random crops as Tip-Adapter's cache), sweeps C on the validation split ({@link LinearProbeSweep}) and keeps the best probe.
 * Of the settings it uses the seed, the device, the batch size (images per forward pass) and the shots;
 * without validation data it holds out {@link LinearProbeData#VAL_FRACTION} of the training data to choose C,
 * then refits the kept probe on all of it at that C. The run
 * folder gets {@code run.json}, {@code metrics.jsonl} (one line per C tried, then the final result),
 * {@value LinearProbeResultFile#PROBE_FILE} (liblinear's model file) and
 * {@value LinearProbeResultFile#RESULT_FILE} ({@link LinearProbeResultFile}).
 *
 * <p>Listener events, all through {@link TrainingListener#onEvaluation} with numbers only: embedding
 * progress as {@code {"embed_train_done", "embed_train_total"}} (then {@code embed_val_…}) at step 0;
 * each C tried as {@code {"probe_c", "probe_val_top1", "probe_val_log_loss"}} at step 1, 2, …; the
 * outcome as {@code {"probe_best_c", "probe_val_top1", "probe_val_top5"}} at the last step (the sweep and
 * outcome records also go to {@code metrics.jsonl}). Problems with the data that do not stop the run go
 * to {@link TrainingListener#onWarning}. A cancelled probe ends CANCELLED and does not resume.
 */
final class LinearProbeMethod implements Method {

    /** Augmented views per training image beside the image itself (Tip-Adapter's cache takes as many). */
    static final int VIEWS = 10;

    @Override
    public String name() {
        return Methods.LINEAR_PROBE;
    }

    @Override
    public boolean resumable() {
        return false;
    }

    @Override
    public TrainingResult start(RunFolder folder, TrainingRequest request, TrainingListener listener,
            BooleanSupplier cancelled) {
        TrainingConfig config = request.config();
        Device device = Devices.select(config.device());
        LinearProbeData data = LinearProbeData.load(request.train(), request.val(), config.data().shots(), config.seed(),
                listener::onWarning);
        RunInfo info = RunStart.write(folder, request, hyperparameters(request));
        try (MetricsLog metrics = folder.openMetrics()) {
            long[] step = {0};
            LinearProbeFit fit = execute(request, device, data, folder, metrics, listener, cancelled, step);
            folder.writeRunJson(info.withBestMetric(new BestMetric("probe_val_top1", fit.val().top1(), null))
                    .ended(RunStatus.COMPLETED, null));
            String summary = String.format(Locale.ROOT, "validation top-1 %.4f, top-5 %.4f at C = %.3g",
                    fit.val().top1(), fit.val().top5(), fit.bestC());
            return new TrainingResult(name(), RunStatus.COMPLETED, step[0], step[0], null, null, folder.path(), 0, summary);
        } catch (CancellationException e) {
            folder.writeRunJson(info.ended(RunStatus.CANCELLED, "cancelled"));
            listener.onEnd(RunStatus.CANCELLED, "linear probe cancelled");
            return new TrainingResult(name(), RunStatus.CANCELLED, 0, 0, "cancelled", null, folder.path(), 0, null);
        } catch (RuntimeException e) {
            folder.writeRunJson(info.ended(RunStatus.FAILED, e.getMessage()));
            throw e;
        }
    }

    private static LinearProbeFit execute(TrainingRequest request, Device device, LinearProbeData data, RunFolder folder,
            MetricsLog metrics, TrainingListener listener, BooleanSupplier cancelled, long[] step) {
        TrainingConfig config = request.config();
        int batchSize = config.data().batchSize();
        long start = System.nanoTime();
        Embedder.Embedded trainEmbedded;
        Embedder.Embedded valEmbedded;
        List<Sample> keptTrain;
        AugmentedPasses views;
        try (Embedder embedder = Embedder.open(request.modelDir(), device)) {
            trainEmbedded = embed(embedder, data.train(), "train", batchSize, listener, cancelled);
            keptTrain = kept(data.train(), trainEmbedded);
            views = embedViews(embedder, keptTrain, config, listener, cancelled);
            valEmbedded = embed(embedder, data.val(), "val", batchSize, listener, cancelled);
        }
        double embedSeconds = (System.nanoTime() - start) / 1e9;
        // images that could not be decoded are dropped (with a warning each); the probe fits and scores the rest
        float[][] trainFeatures = trainEmbedded.features();
        int[] trainLabels = data.indices(keptTrain);
        int[] viewLabels = data.indices(views.samples());
        for (float[][] view : views.features()) {
            trainFeatures = concat(trainFeatures, view);
            trainLabels = concat(trainLabels, viewLabels);
        }
        float[][] valFeatures = valEmbedded.features();
        int[] valLabels = data.indices(kept(data.val(), valEmbedded));
        LinearProbeFit fit = LinearProbeSweep.fit(trainFeatures, trainLabels, valFeatures,
                valLabels, data.labels(), LinearProbeSweep.Options.defaults(config.seed()), point -> {
                    Map<String, Double> record = new LinkedHashMap<>();
                    record.put("probe_c", point.c());
                    record.put("probe_val_top1", point.valTop1());
                    record.put("probe_val_log_loss", point.valLogLoss());
                    step[0]++;
                    MetricRecords.log(metrics, listener, step[0], record);
                }, cancelled);
        // the split only chose C: as GridSearchCV's refit, the kept probe learns from every training image,
        // starting from the chosen probe's weights
        boolean refit = request.val() == null;
        LinearProbe probe = refit
                ? LinearProbe.train(concat(trainFeatures, valFeatures), concat(trainLabels, valLabels), data.labels(),
                        fit.bestC(), config.seed(), fit.probe())
                : fit.probe();
        probe.save(folder.path().resolve(LinearProbeResultFile.PROBE_FILE));
        double seconds = (System.nanoTime() - start) / 1e9;
        LinearProbeResultFile.write(folder.path().resolve(LinearProbeResultFile.RESULT_FILE), request.modelDir(),
                config.data().shots(), data, fit, refit, trainFeatures[0].length, embedSeconds, seconds);
        Map<String, Double> last = new LinkedHashMap<>();
        last.put("probe_best_c", fit.bestC());
        last.put("probe_val_top1", fit.val().top1());
        last.put("probe_val_top5", fit.val().top5());
        MetricRecords.log(metrics, listener, step[0], last);
        return fit;
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@value #VIEWS} augmented views of each readable training image, as extra rows of its class. */
    private static AugmentedPasses embedViews(Embedder embedder, List<Sample> train, TrainingConfig config,
            TrainingListener listener, BooleanSupplier cancelled) {
        int clean = train.size();
        return AugmentedPasses.embed(embedder, train, TipAdapterMethod.augmentation(config), VIEWS, config.seed(),
                config.data().batchSize(), (done, total) -> {
                    Map<String, Double> progress = new LinkedHashMap<>();
                    progress.put("embed_train_done", (double) clean + done);
                    progress.put("embed_train_total", (double) clean + total);
                    MetricRecords.emit(listener, 0, progress);
                }, cancelled, listener::onWarning);
    }

    private static List<Sample> kept(List<Sample> samples, Embedder.Embedded embedded) {
        List<Sample> out = new java.util.ArrayList<>(embedded.kept().length);
        for (int i : embedded.kept()) {
            out.add(samples.get(i));
        }
        return out;
    }

    /** The features of the samples' images; an image that cannot be decoded is left out with a warning. */
    private static Embedder.Embedded embed(Embedder embedder, List<Sample> samples, String split, int batchSize,
            TrainingListener listener, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("linear probe cancelled");
        }
        List<Path> images = samples.stream().map(Sample::image).toList();
        Embedder.Embedded embedded = embedder.embedReadable(images, batchSize, done -> {
            Map<String, Double> progress = new LinkedHashMap<>();
            progress.put("embed_" + split + "_done", (double) done);
            progress.put("embed_" + split + "_total", (double) images.size());
            MetricRecords.emit(listener, 0, progress);
            if (done < images.size() && cancelled.getAsBoolean()) {
                throw new CancellationException("linear probe cancelled");
            }
        });
        for (Embedder.SkippedImage skipped : embedded.skipped()) {
            listener.onWarning("skipped unreadable " + split + " image " + skipped.file() + ": " + skipped.reason());
        }
        return embedded;
    }

    private static Map<String, Object> hyperparameters(TrainingRequest request) {
        TrainingConfig config = request.config();
        Map<String, Object> out = new LinkedHashMap<>(RunStart.inputs(request));
        if (request.val() == null) {
            out.put("val_fraction", LinearProbeData.VAL_FRACTION);
        }
        out.put("shots", config.data().shots());
        out.put("seed", config.seed());
        out.put("batch_size", config.data().batchSize());
        out.put("device", config.device());
        LinearProbeSweep.Options sweep = LinearProbeSweep.Options.defaults(config.seed());
        out.put("augment", TipAdapterMethod.augmentation(config).toString());
        out.put("augmented_views", VIEWS);
        out.put("solver", "liblinear L2R_LR, one-vs-rest, bias 1, L2-normalised features");
        out.put("c_range", List.of(Math.pow(10, sweep.minLog10C()), Math.pow(10, sweep.maxLog10C())));
        out.put("c_coarse_step_decades", sweep.coarseStep());
        out.put("c_steps_per_decade", sweep.stepsPerDecade());
        out.put("eps", sweep.eps());
        return out;
    }
}
