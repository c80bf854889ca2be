package dev.diagonal.train;

import dev.diagonal.io.FileTrees;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.Devices;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunLock;
import dev.diagonal.project.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Contrastive fine-tuning runs: {@link #start} a new run in a run folder, or {@link #resume} one that
 * was cancelled, crashed or was killed. Runs report only through a {@link TrainingListener} and stop
 * between steps when {@code cancelled} says so (pausing is cancelling and resuming later). The run
 * folder's lock is held throughout.
 */
public final class Trainer {

    private Trainer() {}

    /**
     * Starts a new contrastive run in {@code request.runDir()}.
     *
     * @throws DiagonalException for bad arguments, unusable data (with the validation report), a model
     *     that cannot be loaded, or a folder that already holds a run; failures after training started
     *     are marked FAILED in {@code run.json} before they are thrown
     */
    public static TrainingResult start(TrainingRequest request, TrainingListener listener, BooleanSupplier cancelled) {
        TrainingConfig config = request.config();
        if (!TrainingConfig.CONTRASTIVE.equals(config.method())) {
            throw new DiagonalException("the trainer runs contrastive fine-tuning, not " + config.method());
        }
        ClipConfig.read(request.modelDir());
        boolean created = prepareFolder(request.runDir());
        RunFolder run = RunFolder.open(request.runDir());
        RunLock lock = run.lock();
        try {
            List<String> warnings = new ArrayList<>();
            DataSetup.Prepared data = DataSetup.prepare(request.train(), request.val(), config, warnings::add);
            Map<String, Object> hyperparameters = new LinkedHashMap<>(config.toMap());
            hyperparameters.put("model", request.modelDir().toAbsolutePath().normalize().toString());
            hyperparameters.put("train", request.train().toAbsolutePath().normalize().toString());
            hyperparameters.put("val", request.val() == null ? null : request.val().toAbsolutePath().normalize().toString());
            List<Fingerprint> fingerprints = new ArrayList<>();
            fingerprints.add(Fingerprint.ofDataset(request.train()));
            if (request.val() != null) {
                fingerprints.add(Fingerprint.ofDataset(request.val()));
            }
            Provenance provenance = Provenance.capture(Devices.select(config.device()).toString(),
                    Fingerprint.ofModelDir(request.modelDir()), fingerprints, config.seed());
            RunInfo info = RunInfo.create(run.id(), config.method(), hyperparameters, provenance).running();
            run.writeRunJson(info);
            return train(run, info, config, request.modelDir(), data, null, null, warnings, listener, cancelled);
        } catch (RuntimeException e) {
            lock.close();
            if (!run.hasRunJson()) { // nothing started: leave no half-made run behind
                if (created) {
                    FileTrees.delete(request.runDir());
                } else {
                    run.lockFile().toFile().delete();
                }
            }
            throw e;
        } finally {
            lock.close();
        }
    }

    /**
     * Continues a run from its latest checkpoint (from the start when it has none). With the same data,
     * the result equals that of an uninterrupted run.
     *
     * @throws DiagonalException when the folder holds no run, the run is live in another process or
     *     already completed, or its model or data are gone
     */
    public static TrainingResult resume(RunFolder run, TrainingListener listener, BooleanSupplier cancelled) {
        if (!run.hasRunJson()) {
            throw new DiagonalException("no run to resume in " + run.path() + " (no run.json)");
        }
        try (RunLock lock = run.lock()) {
            RunInfo info = run.readRunJson();
            if (info.status() == RunStatus.COMPLETED) {
                throw new DiagonalException("run " + run.id() + " has already completed");
            }
            Map<String, Object> hyper = info.hyperparameters();
            TrainingConfig config = TrainingConfig.fromMap(hyper, run.runJson().toString());
            if (!TrainingConfig.CONTRASTIVE.equals(config.method())) {
                throw new DiagonalException("run " + run.id() + " is a " + config.method() + " run; only contrastive runs resume");
            }
            Path modelDir = path(hyper, "model", run);
            Path train = path(hyper, "train", run);
            Path val = hyper.get("val") == null ? null : path(hyper, "val", run);
            run.removeStaleTempFiles();
            CheckpointStore store = new CheckpointStore(run, config.keepCheckpoints());
            store.recover();
            Optional<Path> checkpoint = store.latest();
            TrainState state = checkpoint.map(CheckpointStore::readState).orElse(null);
            List<String> warnings = new ArrayList<>();
            checkData(info, train, val, warnings);
            DataSetup.Prepared data = DataSetup.prepare(train, val, config, warnings::add);
            MetricsTrim.keepUpTo(run.metricsFile(), state == null ? -1 : state.step());
            RunInfo running = info.running();
            run.writeRunJson(running);
            return train(run, running, config, modelDir, data, checkpoint.orElse(null), state, warnings, listener,
                    cancelled);
        }
    }

    private static TrainingResult train(RunFolder run, RunInfo info, TrainingConfig config, Path modelDir,
            DataSetup.Prepared data, Path checkpoint, TrainState state, List<String> warnings,
            TrainingListener listener, BooleanSupplier cancelled) {
        try (RunRecorder recorder = new RunRecorder(run, info, listener)) {
            try (TrainingSession session = TrainingSession.open(config, modelDir, data, checkpoint, state)) {
                if (state != null) {
                    recorder.resumed(state.step());
                }
                TrainingLoop loop = new TrainingLoop(session, recorder, new CheckpointStore(run, config.keepCheckpoints()),
                        state, cancelled);
                recorder.start(plan(session, loop, state));
                warnings.forEach(recorder::warning);
                if (session.sampler.batchSize() < config.batchSize()) {
                    recorder.warning("batch size " + config.batchSize() + " is more than the " + session.sampler.batchSize()
                            + (session.sampler.balanced() ? " classes" : " images") + " of the training data; using "
                            + session.sampler.batchSize());
                }
                return loop.run();
            } catch (RuntimeException e) {
                String message = e instanceof DiagonalException ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                recorder.end(RunStatus.FAILED, message);
                throw e;
            }
        }
    }

    private static TrainingPlan plan(TrainingSession session, TrainingLoop loop, TrainState state) {
        TrainingConfig config = session.config;
        return new TrainingPlan(config.method(), loop.totalSteps(), state == null ? 0 : state.step(), config.epochs(),
                (double) session.sampler.batchesPerEpoch() / config.accumulation(), session.sampler.batchSize(),
                config.accumulation(), session.train.size(), session.val.size(), session.trainableValues,
                session.frozenValues, session.device.toString());
    }

    /** Creates the run folder, or accepts an empty one; returns whether it was created. */
    private static boolean prepareFolder(Path runDir) {
        try {
            if (Files.exists(runDir)) {
                if (!Files.isDirectory(runDir)) {
                    throw new DiagonalException("--out " + runDir + " is a file, not a folder");
                }
                try (Stream<Path> entries = Files.list(runDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new DiagonalException("--out " + runDir + " is not empty"
                                + (Files.exists(runDir.resolve(RunFolder.RUN_JSON)) ? "; to continue its run: diagonal resume " + runDir : ""));
                    }
                }
                return false;
            }
            Files.createDirectories(runDir);
            return true;
        } catch (IOException e) {
            throw new DiagonalException("cannot create run folder " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static Path path(Map<String, Object> hyper, String key, RunFolder run) {
        Object value = hyper.get(key);
        if (value == null) {
            throw new DiagonalException(run.runJson() + " lacks hyperparameter " + key + "; cannot resume");
        }
        return Path.of(value.toString());
    }

    /** Warns when the data on disk differ from what the run started with. */
    private static void checkData(RunInfo info, Path train, Path val, List<String> warnings) {
        if (info.provenance() == null) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        paths.add(train);
        if (val != null) {
            paths.add(val);
        }
        List<Fingerprint> before = info.provenance().data();
        for (int i = 0; i < Math.min(paths.size(), before.size()); i++) {
            if (!Files.exists(paths.get(i))) {
                throw new DiagonalException("the run's data " + paths.get(i) + " is gone; cannot resume");
            }
            if (!Fingerprint.ofDataset(paths.get(i)).sameContentAs(before.get(i))) {
                warnings.add(paths.get(i) + " changed since the run started; the resumed run will not match an uninterrupted one");
            }
        }
    }
}
