package dev.diagonal.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code --lr auto}: an LR range test as fastai's {@code lr_find} runs it. From a fresh copy of the
 * starting weights, train {@value #STEPS} steps on training batches (never validation or test data)
 * with the learning rate growing exponentially from {@value #MIN_LR} to {@value #MAX_LR}, smooth the
 * loss (exponential moving average, β {@value #SMOOTHING}, debiased), stop once it exceeds
 * {@value #DIVERGED}× its minimum, and pick the smaller of fastai's two suggestions: the learning rate at the
 * minimum divided by 10 ({@code lr_min}) and the one where the loss falls fastest ({@code lr_steep}) in a fall the next {@value #SUSTAIN} steps do not undo. A loss that
 * keeps falling while the embeddings collapse puts the minimum near the top of the sweep, and the steepest
 * descent guards against that. The weights of the test are thrown away; the run then starts from the base model.
 */
final class LrRangeTest {

    static final int STEPS = 40;
    static final double MIN_LR = 1e-7;
    static final double MAX_LR = 1.0;
    static final double SMOOTHING = 0.98;
    static final double DIVERGED = 4;
    static final int SUSTAIN = 3;

    /** One step of the sweep: the learning rate used, the loss, and the smoothed loss. */
    record Point(double lr, double loss, double smoothed) {}

    /**
     * The pick.
     *
     * @param lr the learning rate picked
     * @param minimumLr where the smoothed loss was lowest
     * @param steepestLr where the smoothed loss fell fastest (per decade)
     * @param points every step of the sweep
     */
    record Result(double lr, double minimumLr, double steepestLr, List<Point> points) {

        /** Why {@link #lr()} was picked, in one line. */
        String reason() {
            return String.format(Locale.ROOT, "LR range test (%d steps on training batches, lr %.0e to %.0e): smoothed loss "
                    + "lowest at lr %.3g, steepest descent at %.3g; picked the smaller of the lowest's lr / 10 and the "
                    + "steepest descent = %.3g", points.size(),
                    MIN_LR, MAX_LR, minimumLr, steepestLr, lr);
        }

        /** The record in {@code run.json}. */
        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("picked_lr", lr);
            out.put("rule", "min(lr at the minimum of the smoothed loss / 10, lr at the steepest descent that the next "
                    + SUSTAIN + " steps do not undo) (fastai lr_min, lr_steep)");
            out.put("minimum_lr", minimumLr);
            out.put("steepest_lr", steepestLr);
            out.put("reason", reason());
            out.put("lr", points.stream().map(Point::lr).toList());
            out.put("loss", points.stream().map(Point::loss).toList());
            out.put("smoothed_loss", points.stream().map(Point::smoothed).toList());
            return out;
        }
    }

    private LrRangeTest() {}

    /** Runs the sweep on a session of its own (base weights, the run's settings and training data). */
    static Result run(TrainingConfig config, Path modelDir, DataSetup.Prepared data, BooleanSupplier cancelled) {
        List<Point> points = new ArrayList<>();
        try (TrainingSession session = TrainingSession.open(config, modelDir, data, null, null)) {
            GradMode.disableOnThisThread();
            int perEpoch = session.sampler.batchesPerEpoch();
            Prefetcher batches = new Prefetcher(session.pixels,
                    micro -> session.sampler.epoch((int) (micro / perEpoch))[(int) (micro % perEpoch)], 0, STEPS, 2);
            double average = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < STEPS && !cancelled.getAsBoolean(); i++) {
                double lr = MIN_LR * Math.pow(MAX_LR / MIN_LR, (double) i / (STEPS - 1));
                double loss = session.forwardBackward(batches.next(), 1.0);
                if (!Double.isFinite(loss)) {
                    break;
                }
                ContrastiveStep.update(session.model, session.trainable.values(), session.optimizer, lr,
                        config.optimizer().clipNorm());
                average = SMOOTHING * average + (1 - SMOOTHING) * loss;
                double smoothed = average / (1 - Math.pow(SMOOTHING, i + 1));
                points.add(new Point(lr, loss, smoothed));
                best = Math.min(best, smoothed);
                if (smoothed > DIVERGED * best) {
                    break;
                }
            }
        }
        return points.isEmpty() ? null : pick(points);
    }

    /** The pick from a sweep: the smaller of the lowest smoothed loss's lr / 10 and the steepest descent's lr. */
    static Result pick(List<Point> points) {
        int lowest = 0;
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).smoothed() < points.get(lowest).smoothed()) {
                lowest = i;
            }
        }
        int steepest = 0;
        double slope = Double.POSITIVE_INFINITY;
        // the loss per decade of lr, up to the minimum, skipping the first tenth as fastai does (the average is
        // still settling there) and any fall that the next steps undo: one easy batch early in the sweep
        for (int i = Math.max(1, points.size() / 10); i <= lowest; i++) {
            if (undone(points, i, lowest)) {
                continue;
            }
            double change = (points.get(i).smoothed() - points.get(i - 1).smoothed())
                    / Math.log10(points.get(i).lr() / points.get(i - 1).lr());
            if (change < slope) {
                slope = change;
                steepest = i;
            }
        }
        double minimum = points.get(lowest).lr();
        double steep = points.get(steepest).lr();
        return new Result(Math.min(minimum / 10, steep), minimum, steep, List.copyOf(points));
    }

    /** Whether the smoothed loss rises above its value at {@code i} within {@value #SUSTAIN} steps (up to the minimum). */
    private static boolean undone(List<Point> points, int i, int lowest) {
        for (int j = i + 1; j <= Math.min(lowest, i + SUSTAIN); j++) {
            if (points.get(j).smoothed() > points.get(i).smoothed()) {
                return true;
            }
        }
        return false;
    }
}
