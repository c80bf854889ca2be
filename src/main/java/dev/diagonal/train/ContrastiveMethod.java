package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Contrastive fine-tuning (FLYP-style: the CLIP loss on image–caption batches) with resumable checkpoints:
 * a resumed run, on the same data, ends with the weights of an uninterrupted one.
 */
class ContrastiveMethod implements Method {

    @Override
    public String name() {
        return Methods.CONTRASTIVE;
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public TrainingResult start(RunFolder run, TrainingRequest request, TrainingListener listener, BooleanSupplier cancelled) {
        List<String> warnings = new ArrayList<>();
        DataSetup.Prepared data = DataSetup.prepare(request.train(), request.val(), request.config(), warnings::add);
        TrainingConfig asked = request.config();
        ClassBalancedSampler sampler = new ClassBalancedSampler(data.batchKeys(), asked.data().batchSize(), asked.seed(),
                asked.data().batches());
        Map<String, Object> picked = new LinkedHashMap<>();
        if (asked.schedule().epochs() == ScheduleSettings.AUTO) {
            int epochs = asked.schedule().autoEpochs(sampler.batchesPerEpoch());
            String reason = asked.schedule().autoEpochsReason(sampler.batchesPerEpoch());
            listener.onNote(reason);
            picked.put("epochs_auto", reason);
            request = request.with(asked.toBuilder().epochs(epochs).build());
        }
        if (asked.optimizer().lrAuto()) {
            LrRangeTest.Result found = LrRangeTest.run(rangeTestConfig(request.config()), request.modelDir(), data, cancelled);
            if (found == null) {
                throw new InvalidSettingException(Setting.LR, "auto found no learning rate: the range test made no step "
                        + "with a finite loss");
            }
            if (cancelled.getAsBoolean()) {
                listener.onEnd(RunStatus.CANCELLED, "cancelled during the LR range test; nothing was written");
                return new TrainingResult(name(), RunStatus.CANCELLED, 0, 0, "cancelled during the LR range test", null,
                        run.path(), 0, null);
            }
            double lr = found.lr() * rangeTestFactor();
            String reason = found.reason() + (rangeTestFactor() == 1 ? "" : rangeTestNote(lr));
            listener.onNote(reason);
            request = request.with(request.config().toBuilder().lr(lr).lrAuto(true).build());
            Map<String, Object> test = found.toJson();
            test.put("factor", rangeTestFactor());
            test.put("reason", reason);
            picked.put("lr_range_test", test);
        }
        Map<String, Object> hyperparameters = RunStart.hyperparameters(request);
        hyperparameters.putAll(picked);
        hyperparameters.put("batch_size_used", sampler.batchSize());
        RunInfo info = RunStart.write(run, request, hyperparameters);
        return train(run, info, request, data, null, null, warnings, listener, cancelled);
    }

    /** The configuration the LR range test trains with: the run's own. */
    TrainingConfig rangeTestConfig(TrainingConfig config) {
        return config;
    }

    /** The run's learning rate over the range test's pick. */
    double rangeTestFactor() {
        return 1;
    }

    /** What the console adds to the range test's line when {@link #rangeTestFactor()} is not 1. */
    String rangeTestNote(double lr) {
        return "";
    }

    @Override
    public TrainingResult resume(RunFolder run, RunInfo info, TrainingListener listener, BooleanSupplier cancelled) {
        TrainingRequest request = RunStart.read(run, info);
        run.removeStaleTempFiles();
        CheckpointStore store = new CheckpointStore(run, request.config().evaluation().keepCheckpoints());
        store.recover();
        Optional<Path> checkpoint = store.latest();
        TrainState state = checkpoint.map(CheckpointStore::readState).orElse(null);
        List<String> warnings = new ArrayList<>();
        checkData(info, request.train(), request.val(), warnings);
        DataSetup.Prepared data = DataSetup.prepare(request.train(), request.val(), request.config(), warnings::add);
        run.trimMetricsAfter(state == null ? -1 : state.step());
        RunInfo running = info.running();
        run.writeRunJson(running);
        return train(run, running, request, data, checkpoint.orElse(null), state, warnings, listener, cancelled);
    }

    private static TrainingResult train(RunFolder run, RunInfo info, TrainingRequest request, DataSetup.Prepared data,
            Path checkpoint, TrainState state, List<String> warnings, TrainingListener listener, BooleanSupplier cancelled) {
        TrainingConfig config = request.config();
        try (RunRecorder recorder = new RunRecorder(run, info, listener)) {
            try (TrainingSession session = TrainingSession.open(config, request.modelDir(), data, checkpoint, state)) {
                if (state != null) {
                    recorder.resumed(state.step());
                }
                TrainingLoop loop = new TrainingLoop(session, recorder,
                        new CheckpointStore(run, config.evaluation().keepCheckpoints()), state, cancelled);
                recorder.start(plan(session, loop, state));
                warnings.forEach(recorder::warning);
                session.pixels.warnTo(recorder::warning); // images that fail to decode at first use
                int asked = config.data().batchSize();
                if (session.sampler.batchSize() < asked) {
                    recorder.warning("batch size " + asked + " is more than the " + session.sampler.batchSize()
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
        int accumulation = config.schedule().accumulation();
        return new TrainingPlan(config.method(), loop.totalSteps(), state == null ? 0 : state.step(),
                config.schedule().epochs(), (double) session.sampler.batchesPerEpoch() / accumulation,
                session.sampler.batchSize(), batching(session), accumulation, session.train.size(), session.val.size(),
                session.trainableValues, session.frozenValues, session.device.toString());
    }

    /**
     * How batches were made, for the plan: none for caption-only data, whose batches are simply shuffled;
     * {@code fill} for {@link Batches#CLASSES} on data with captions of their own, which it falls back to.
     */
    private static String batching(TrainingSession session) {
        boolean labelled = session.trainSamples().stream().anyMatch(s -> s.label() != null);
        Batches mode = session.config.data().batches();
        if (mode == Batches.CLASSES && session.classPrompts == null) {
            mode = Batches.FILL;
        }
        return labelled ? mode.key() : null;
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
