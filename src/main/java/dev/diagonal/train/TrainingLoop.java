package dev.diagonal.train;

import ai.djl.engine.Engine;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one training loop (command line and workbench alike): steps of {@code accumulation}
 * micro-batches, each forward and backward, then clipping, AdamW, the logit-scale clamp; logging every
 * step, evaluating and checkpointing on schedule (checkpoints by default every
 * {@value EvaluationSettings#CHECKPOINT_MINUTES} minutes) and at the end; cancellation honoured between steps
 * (with a checkpoint, so the run can be resumed); a non-finite loss or gradient stops the run as FAILED
 * and leaves the last good checkpoint as it is.
 */
final class TrainingLoop {

    /** Steps at the start of a session left out of its throughput figure (warm-up). */
    static final int THROUGHPUT_WARMUP = 2;

    private final TrainingSession session;
    private final RunRecorder recorder;
    private final CheckpointStore checkpoints;
    private final BooleanSupplier cancelled;
    private final TrainingConfig config;
    private final long total;
    private final LrSchedule schedule;
    private final ChanceGuard chance;
    private final int batchesPerEpoch;
    private final Map<Integer, int[][]> orders = new LinkedHashMap<>();
    private long step;
    private long lastCheckpoint = -1;
    private long lastCheckpointNanos = System.nanoTime();
    private BestMetric best;
    private double trainSeconds;
    private long sessionSteps;
    private double steadySeconds;
    private long steadyImages;

    TrainingLoop(TrainingSession session, RunRecorder recorder, CheckpointStore checkpoints, TrainState state,
            BooleanSupplier cancelled) {
        this.session = session;
        this.recorder = recorder;
        this.checkpoints = checkpoints;
        this.cancelled = cancelled;
        this.config = session.config;
        this.total = session.totalSteps();
        this.batchesPerEpoch = session.sampler.batchesPerEpoch();
        if (total < 1) {
            throw new DiagonalException("the training data make no optimizer step: " + batchesPerEpoch
                    + " batches per epoch x " + config.schedule().epochs() + " epochs < gradient accumulation (--accumulation) " + config.schedule().accumulation());
        }
        long warmup = config.schedule().warmupFor(total);
        this.schedule = new LrSchedule(config.optimizer().lr(), warmup, Math.max(1, total));
        boolean warned = false;
        if (state != null) {
            step = state.step();
            lastCheckpoint = state.step();
            best = state.best();
            trainSeconds = state.trainSeconds();
            warned = state.chanceWarned();
            orders.put(state.epoch(), state.epochOrder());
        }
        // class batches guess among every class, pair batches among the batch
        int candidates = session.classPrompts != null ? session.classPrompts.classes() : session.sampler.batchSize();
        this.chance = new ChanceGuard(candidates, Math.max(20, 2 * warmup), 20, warned);
    }

    long totalSteps() {
        return total;
    }

    /** Trains until the end, a cancellation or a failure. */
    TrainingResult run() {
        GradMode.disableOnThisThread();
        if (step == 0) {
            evaluate(0); // the zero-shot baseline
        }
        int accumulation = config.schedule().accumulation();
        Prefetcher prefetcher = new Prefetcher(session.pixels, this::batchAt, step * accumulation, total * accumulation, 2);
        while (step < total) {
            if (cancelled.getAsBoolean()) {
                checkpoint();
                return end(RunStatus.CANCELLED, "cancelled at step " + step + " of " + total
                        + "; continue with: diagonal resume " + recorder.runPath());
            }
            long started = System.nanoTime();
            double loss = 0;
            for (int i = 0; i < accumulation; i++) {
                // dropout draws from the engine's generator: seeded per micro-batch, a run repeats in any process and on resume
                Engine.getInstance().setRandomSeed(RandomStreams.of(config.seed(), step * accumulation + i, -2).nextInt());
                double part = session.forwardBackward(prefetcher.next(), 1.0 / accumulation);
                if (!Double.isFinite(part)) {
                    return diverged("loss is " + part);
                }
                loss += part / accumulation;
            }
            double lr = schedule.at(step);
            double norm = ContrastiveStep.update(session.model, session.trainable.values(), session.optimizer, lr,
                    config.optimizer().clipNorm());
            if (!Double.isFinite(norm)) {
                return diverged("gradient norm is " + norm);
            }
            step++;
            double seconds = (System.nanoTime() - started) / 1e9;
            double images = (double) session.sampler.batchSize() * accumulation;
            account(seconds, images);
            double eta = total > step ? (total - step) * trainSeconds / Math.max(1, step) : 0;
            recorder.step(step, epochOf(step * accumulation - 1), loss, lr, session.features.logitScaleExp(),
                    images / seconds, Duration.ofMillis(Math.round(eta * 1000)));
            chance.observe(step, loss).ifPresent(recorder::warning);
            if (step % config.evaluation().evalIntervalFor(total) == 0 || step == total) {
                evaluate(step);
            }
            if (config.evaluation().checkpointDue(step, total, (System.nanoTime() - lastCheckpointNanos) / 1e9)) {
                checkpoint();
            }
        }
        return end(RunStatus.COMPLETED, null);
    }

    private void account(double seconds, double images) {
        trainSeconds += seconds;
        sessionSteps++;
        if (sessionSteps > THROUGHPUT_WARMUP) {
            steadySeconds += seconds;
            steadyImages += (long) images;
        }
    }

    private void evaluate(long atStep) {
        Evaluator.Result result = session.evaluator.evaluate(atStep);
        recorder.evaluation(atStep, result.metrics());
        recorder.similarity(result.similarity());
        String metric = session.evaluator.selectionMetric();
        Double value = metric == null ? null : result.metrics().get(metric);
        if (value != null && (best == null || value > best.value())) {
            best = new BestMetric(metric, value, atStep);
            checkpoints.writeBest(session.modelWeights(), session.modelConfig.toJson(), session.modelDir, best,
                    session::writeAdapter);
            recorder.best(best);
        }
    }

    private void checkpoint() {
        if (step == lastCheckpoint || step == 0) {
            return; // nothing new: at step 0 a resumed run starts from the base model anyway
        }
        if (!session.weightsFinite()) {
            throw new DiagonalException("weights are no longer finite at step " + step
                    + "; no checkpoint written (try a lower learning rate, --lr)");
        }
        long micro = step * config.schedule().accumulation();
        int epoch = epochOf(micro);
        Map<String, Object> rng = new LinkedHashMap<>();
        rng.put("sampler", "java.util.Random per epoch from (seed, epoch)");
        rng.put("captions", "java.util.Random(seed) for training, (seed + 1) for validation");
        TrainState state = new TrainState(TrainState.FORMAT, step, micro, epoch, (int) (micro % batchesPerEpoch),
                config.seed(), session.sampler.batchSize(), orderOf(epoch), best, chance.warned(), trainSeconds, rng,
                config.toJson());
        Map<String, Supplier<List<HostTensor>>> files = new LinkedHashMap<>();
        files.put(session.weightsFile(), session::weights);
        files.put(CheckpointStore.EXP_AVG, () -> session.optimizer.exportMoments(false));
        files.put(CheckpointStore.EXP_AVG_SQ, () -> session.optimizer.exportMoments(true));
        Path written = checkpoints.write(state, files, session.modelConfig.toJson());
        lastCheckpoint = step;
        lastCheckpointNanos = System.nanoTime();
        recorder.checkpoint(step, written);
    }

    private TrainingResult diverged(String what) {
        String kept = lastCheckpoint >= 0 ? "the last good checkpoint (step " + lastCheckpoint + ") is kept"
                : "no checkpoint was written";
        return end(RunStatus.FAILED, what + " at step " + (step + 1) + "; training stopped and " + kept
                + "; try a lower learning rate (--lr)");
    }

    private TrainingResult end(RunStatus status, String message) {
        double rate = steadySeconds > 0 ? steadyImages / steadySeconds : 0;
        recorder.summary(step, rate, trainSeconds);
        recorder.end(status, message);
        return new TrainingResult(config.method(), status, step, total, message, best, recorder.runPath(), rate, null);
    }

    private int epochOf(long micro) {
        return (int) (micro / batchesPerEpoch);
    }

    private int[] batchAt(long micro) {
        return orderOf(epochOf(micro))[(int) (micro % batchesPerEpoch)];
    }

    private int[][] orderOf(int epoch) {
        int[][] order = orders.get(epoch);
        if (order == null) {
            order = session.sampler.epoch(epoch);
            orders.put(epoch, order);
            if (orders.size() > 2) {
                orders.remove(orders.keySet().iterator().next());
            }
        }
        return order;
    }
}
