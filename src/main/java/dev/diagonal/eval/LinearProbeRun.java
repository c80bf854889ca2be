package dev.diagonal.eval;

import ai.djl.Device;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.Sample;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.MetricsLog;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A linear-probe run ({@code finetune --method linear-probe}): embeds the training and validation
 * images with the frozen model, sweeps C on the validation split ({@link LinearProbeSweep}) and keeps
 * the best probe. The run folder gets {@code run.json} (method {@value #METHOD}), {@code metrics.jsonl}
 * (one line per C tried, then the final result), {@value #PROBE_FILE} (liblinear's model file) and
 * {@value #RESULT_FILE} ({@link LinearProbeResultFile}).
 *
 * <p>Listener events, all through {@link TrainingListener#onEvaluation} with numbers only: embedding
 * progress as {@code {"embed_train_done", "embed_train_total"}} (then {@code embed_val_…}) at step 0;
 * each C tried as {@code {"probe_c", "probe_val_top1", "probe_val_log_loss"}} at step 1, 2, …; the
 * outcome as {@code {"probe_best_c", "probe_val_top1", "probe_val_top5"}} at the last step (the sweep and
 * outcome records also go to {@code metrics.jsonl}). Problems with the data that do not stop the run go
 * to {@link TrainingListener#onWarning}.
 */
public final class LinearProbeRun {

    /** The method name in {@code run.json}. */
    public static final String METHOD = "linear-probe";
    /** The probe's liblinear model file in the run folder. */
    public static final String PROBE_FILE = "probe.model";
    /** The result summary in the run folder. */
    public static final String RESULT_FILE = "result.json";

    /**
     * What to run.
     *
     * @param modelDir HF model folder whose image tower gives the features
     * @param train labelled training data (folder or manifest)
     * @param val labelled validation data, or null to hold out a seeded share of {@code train}
     * @param runDir the run folder to create (absent or empty)
     * @param shots training images per class, 0 for all
     * @param seed seed of the split, the few-shot pick and liblinear
     * @param device {@code cpu}, {@code gpu} or {@code auto}
     * @param batchSize images per forward pass
     */
    public record Request(Path modelDir, Path train, Path val, Path runDir, int shots, long seed, String device,
            int batchSize) {}

    /**
     * The outcome.
     *
     * @param valTop1 validation top-1 accuracy (fraction) of the best probe
     * @param valTop5 validation top-5 accuracy
     * @param bestC the chosen regularisation constant
     * @param runDir the run folder
     */
    public record Result(double valTop1, double valTop5, double bestC, Path runDir) {}

    private LinearProbeRun() {}

    /**
     * Runs the probe to completion.
     *
     * @param cancelled polled between embedding batches and between C values
     * @throws CancellationException when cancelled (the run folder is then marked {@code CANCELLED})
     * @throws DiagonalException for bad input (before any run folder is made) or a failure during the run
     *     (then marked {@code FAILED} with the message)
     */
    public static Result run(Request request, TrainingListener listener, BooleanSupplier cancelled) {
        validate(request);
        ClipConfig.read(request.modelDir());
        Device device = Devices.select(request.device());
        LinearProbeData data = LinearProbeData.load(request.train(), request.val(), request.shots(), request.seed(),
                listener::onWarning);
        RunFolder folder = createFolder(request.runDir());
        try (RunLock lock = folder.lock()) {
            RunInfo info = RunInfo.create(folder.id(), METHOD, hyperparameters(request),
                    provenance(request, device)).running();
            folder.writeRunJson(info);
            try (MetricsLog metrics = folder.openMetrics()) {
                Result result = execute(request, device, data, folder, metrics, listener, cancelled);
                folder.writeRunJson(info.withBestMetric(new BestMetric("probe_val_top1", result.valTop1(), null))
                        .ended(RunStatus.COMPLETED, null));
                return result;
            } catch (CancellationException e) {
                folder.writeRunJson(info.ended(RunStatus.CANCELLED, "cancelled"));
                throw e;
            } catch (RuntimeException e) {
                folder.writeRunJson(info.ended(RunStatus.FAILED, e.getMessage()));
                throw e;
            }
        }
    }

    private static Result execute(Request request, Device device, LinearProbeData data, RunFolder folder, MetricsLog metrics,
            TrainingListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        float[][] trainFeatures;
        float[][] valFeatures;
        try (Embedder embedder = Embedder.open(request.modelDir(), device)) {
            trainFeatures = embed(embedder, data.train(), "train", request.batchSize(), listener, cancelled);
            valFeatures = embed(embedder, data.val(), "val", request.batchSize(), listener, cancelled);
        }
        double embedSeconds = (System.nanoTime() - start) / 1e9;
        long[] step = {0};
        LinearProbeFit fit = LinearProbeSweep.fit(trainFeatures, data.indices(data.train()), valFeatures,
                data.indices(data.val()), data.labels(), LinearProbeSweep.Options.defaults(request.seed()), point -> {
                    Map<String, Double> record = new LinkedHashMap<>();
                    record.put("probe_c", point.c());
                    record.put("probe_val_top1", point.valTop1());
                    record.put("probe_val_log_loss", point.valLogLoss());
                    step[0]++;
                    log(metrics, listener, step[0], record);
                }, cancelled);
        fit.probe().save(folder.path().resolve(PROBE_FILE));
        double seconds = (System.nanoTime() - start) / 1e9;
        LinearProbeResultFile.write(folder.path().resolve(RESULT_FILE), request, data, fit, trainFeatures[0].length,
                embedSeconds, seconds);
        Map<String, Double> last = new LinkedHashMap<>();
        last.put("probe_best_c", fit.bestC());
        last.put("probe_val_top1", fit.val().top1());
        last.put("probe_val_top5", fit.val().top5());
        log(metrics, listener, step[0], last);
        return new Result(fit.val().top1(), fit.val().top5(), fit.bestC(), folder.path());
    }

    private static float[][] embed(Embedder embedder, List<Sample> samples, String split, int batchSize,
            TrainingListener listener, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("linear probe cancelled");
        }
        List<Path> images = samples.stream().map(Sample::image).toList();
        return embedder.embedImages(images, batchSize, done -> {
            Map<String, Double> progress = new LinkedHashMap<>();
            progress.put("embed_" + split + "_done", (double) done);
            progress.put("embed_" + split + "_total", (double) images.size());
            emit(listener, 0, progress);
            if (done < images.size() && cancelled.getAsBoolean()) {
                throw new CancellationException("linear probe cancelled");
            }
        });
    }

    private static void log(MetricsLog metrics, TrainingListener listener, long step, Map<String, Double> values) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.putAll(values);
        metrics.append(record);
        emit(listener, step, values);
    }

    /**
     * Hands numeric metrics to the listener whether its map parameter is typed {@code Map<String, Double>}
     * or {@code Map<String, Object>} (the values are Doubles either way).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void emit(TrainingListener listener, long step, Map<String, Double> values) {
        listener.onEvaluation(step, (Map) values);
    }

    private static void validate(Request request) {
        if (request.modelDir() == null || request.train() == null || request.runDir() == null) {
            throw new DiagonalException("a linear probe needs a model, training data and a run folder");
        }
        if (request.shots() < 0) {
            throw new DiagonalException("--shots must be 0 (all) or more, not " + request.shots());
        }
        if (request.batchSize() < 1) {
            throw new DiagonalException("--batch-size must be at least 1, not " + request.batchSize());
        }
        if (!Files.isDirectory(request.modelDir())) {
            throw new DiagonalException("model folder not found: " + request.modelDir());
        }
    }

    /** Creates {@code dir} (or takes it when empty) as the run folder. */
    private static RunFolder createFolder(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new DiagonalException("run folder " + dir + " is a file");
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new DiagonalException("run folder " + dir + " is not empty; give a new --out");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DiagonalException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        return RunFolder.open(dir);
    }

    private static Map<String, Object> hyperparameters(Request request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", request.modelDir().toAbsolutePath().normalize().toString());
        out.put("train", request.train().toAbsolutePath().normalize().toString());
        if (request.val() != null) {
            out.put("val", request.val().toAbsolutePath().normalize().toString());
        } else {
            out.put("val_fraction", LinearProbeData.VAL_FRACTION);
        }
        out.put("shots", request.shots());
        out.put("seed", request.seed());
        out.put("batch_size", request.batchSize());
        out.put("device", request.device());
        LinearProbeSweep.Options sweep = LinearProbeSweep.Options.defaults(request.seed());
        out.put("solver", "liblinear L2R_LR, one-vs-rest, bias 1, L2-normalised features");
        out.put("c_range", List.of(Math.pow(10, sweep.minLog10C()), Math.pow(10, sweep.maxLog10C())));
        out.put("c_coarse_step_decades", sweep.coarseStep());
        out.put("c_steps_per_decade", sweep.stepsPerDecade());
        out.put("eps", sweep.eps());
        return out;
    }

    private static Provenance provenance(Request request, Device device) {
        List<Fingerprint> data = new ArrayList<>();
        data.add(Fingerprint.ofDataset(request.train()));
        if (request.val() != null) {
            data.add(Fingerprint.ofDataset(request.val()));
        }
        return Provenance.capture(device.toString(), Fingerprint.ofModelDir(request.modelDir()), data, request.seed());
    }
}
