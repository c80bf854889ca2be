package dev.diagonal.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Problem;
import dev.diagonal.DiagonalException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Chooses a {@link LinearProbe}'s regularisation constant C on a validation split as the CLIP paper
 * does: a coarse log-spaced grid (by default 10^-6 … 10^6, every 2 decades), then a binary search that
 * halves the step around the best C until it reaches 8 steps per decade. The best C has the highest
 * validation top-1; ties go to the lower validation log loss, then to the smaller C.
 */
public final class LinearProbeSweep {

    /**
     * Sweep settings; C values are {@code 10^e} for exponents on the grid.
     *
     * @param minLog10C smallest exponent tried
     * @param maxLog10C largest exponent tried
     * @param coarseStep exponent step of the first grid (decades)
     * @param stepsPerDecade resolution the refinement stops at
     * @param eps liblinear's stopping tolerance
     * @param seed the seed handed to liblinear
     */
    public record Options(double minLog10C, double maxLog10C, double coarseStep, int stepsPerDecade, double eps,
            long seed) {

        /** Validates the settings. */
        public Options {
            if (!(minLog10C <= maxLog10C) || !(coarseStep > 0) || stepsPerDecade < 1 || !(eps > 0)) {
                throw new IllegalArgumentException("bad sweep options: " + minLog10C + ".." + maxLog10C
                        + " step " + coarseStep + ", " + stepsPerDecade + "/decade, eps " + eps);
            }
        }

        /** The CLIP paper's sweep: 10^-6 … 10^6, coarse step 2 decades, refined to 8 steps per decade. */
        public static Options defaults(long seed) {
            return new Options(-6, 6, 2, 8, LinearProbe.DEFAULT_EPS, seed);
        }
    }

    /** One tried C and how its probe did on the validation split. */
    public record Point(double c, double valTop1, double valLogLoss) {}

    private LinearProbeSweep() {}

    /**
     * Runs the sweep and returns the probe trained (on the training rows) with the best C. Each C
     * warm-starts liblinear from the weights of the nearest C tried before it.
     *
     * @param onPoint hears each C as soon as it is scored
     * @param cancelled checked before each training; when it answers true the sweep stops
     * @throws CancellationException when cancelled
     * @throws DiagonalException when the training rows hold fewer than two classes or no validation rows
     */
    public static LinearProbeFit fit(float[][] trainFeatures, int[] trainLabels, float[][] valFeatures, int[] valLabels,
            List<String> classes, Options options, Consumer<Point> onPoint, BooleanSupplier cancelled) {
        if (valFeatures.length == 0) {
            throw new DiagonalException("the C sweep needs at least one validation image");
        }
        if (valFeatures.length != valLabels.length) {
            throw new IllegalArgumentException(valFeatures.length + " validation rows but " + valLabels.length + " labels");
        }
        Problem problem = LinearProbe.problem(trainFeatures, trainLabels, classes.size());
        Feature[][] valRows = LinearProbe.rows(valFeatures, trainFeatures[0].length);
        Search search = new Search(problem, valRows, valLabels, classes, options, onPoint, cancelled);
        List<Double> grid = new ArrayList<>();
        for (double e = options.minLog10C(); e <= options.maxLog10C() + 1e-9; e += options.coarseStep()) {
            grid.add(e);
        }
        search.round(grid);
        double best = search.bestExponent();
        for (double step = options.coarseStep() / 2; step >= 1.0 / options.stepsPerDecade() - 1e-12; step /= 2) {
            search.round(List.of(best - step, best + step));
            best = search.bestExponent();
        }
        Scored winner = search.scored.get(search.key(best));
        List<Point> sweep = search.scored.values().stream().map(Scored::point).toList();
        return new LinearProbeFit(winner.probe(), winner.point().c(), sweep, winner.metrics());
    }

    private record Scored(double exponent, Point point, LinearProbe probe, LinearProbeMetrics metrics) {}

    /** The C values tried so far, keyed by their exponent on a fine lattice. */
    private static final class Search {
        private static final int LATTICE = 1 << 10;
        private final Problem problem;
        private final Feature[][] valRows;
        private final int[] valLabels;
        private final List<String> classes;
        private final Options options;
        private final Consumer<Point> onPoint;
        private final BooleanSupplier cancelled;
        private final Map<Long, Scored> scored = new TreeMap<>();

        Search(Problem problem, Feature[][] valRows, int[] valLabels, List<String> classes, Options options,
                Consumer<Point> onPoint, BooleanSupplier cancelled) {
            this.problem = problem;
            this.valRows = valRows;
            this.valLabels = valLabels;
            this.classes = classes;
            this.options = options;
            this.onPoint = onPoint;
            this.cancelled = cancelled;
        }

        long key(double exponent) {
            return Math.round(exponent * LATTICE);
        }

        /** Trains and scores, in ascending order, the exponents within range not tried yet. */
        void round(List<Double> exponents) {
            List<Double> fresh = exponents.stream().distinct().sorted()
                    .filter(e -> e >= options.minLog10C() - 1e-9 && e <= options.maxLog10C() + 1e-9)
                    .filter(e -> !scored.containsKey(key(e))).toList();
            for (double exponent : fresh) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("linear probe sweep cancelled");
                }
                double c = Math.pow(10, exponent);
                LinearProbe probe = LinearProbe.train(problem, classes, c, options.eps(), options.seed(),
                        warmStart(exponent));
                LinearProbeMetrics metrics = LinearProbeMetrics.compute(probe.probabilities(valRows), valLabels, classes);
                Scored result = new Scored(exponent, new Point(c, metrics.top1(), metrics.logLoss()), probe, metrics);
                scored.put(key(exponent), result);
                onPoint.accept(result.point());
            }
        }

        /** The weights of the nearest C tried so far (the smaller one on a tie), or null. */
        private double[] warmStart(double exponent) {
            return scored.values().stream()
                    .min(Comparator.<Scored>comparingDouble(s -> Math.abs(s.exponent() - exponent))
                            .thenComparingDouble(Scored::exponent))
                    .map(s -> s.probe().model().getFeatureWeights())
                    .orElse(null);
        }

        double bestExponent() {
            return scored.values().stream()
                    .min(Comparator.<Scored>comparingDouble(s -> -s.point().valTop1())
                            .thenComparingDouble(s -> s.point().valLogLoss())
                            .thenComparingDouble(Scored::exponent))
                    .orElseThrow().exponent();
        }
    }
}
