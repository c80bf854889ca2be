package dev.diagonal.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CancellationException;

/**
 * The α/β grid search of Tip-Adapter, on validation features only. The reference code searched on the
 * test split (its issue #11); here the search takes a {@link Validation} and nothing else, so test data
 * cannot reach it. Grid as in the reference's {@code search_hp}: β = 0.1 + i·(βmax − 0.1)/βsteps,
 * α = 0.1 + j·(αmax − 0.1)/αsteps; β outer, α inner; the first strictly better accuracy wins.
 */
public final class TipAdapterSearch {

    /** Labelled, L2-normalised validation features. */
    public record Validation(float[][] features, int[] labels) {}

    /** The grid: β in [0.1, betaMax), α in [0.1, alphaMax). */
    public record Grid(double betaMax, int betaSteps, double alphaMax, int alphaSteps) {
        /** β up to 7 in 70 steps, α up to 10 in 50 steps. */
        public static Grid defaults() {
            return new Grid(7, 70, 10, 50);
        }

        List<Double> betas() {
            return values(betaMax, betaSteps);
        }

        List<Double> alphas() {
            return values(alphaMax, alphaSteps);
        }

        private static List<Double> values(double max, int steps) {
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                out.add(i * (max - 0.1) / steps + 0.1);
            }
            return out;
        }
    }

    /** The chosen α and β with their validation top-1. */
    public record Result(double alpha, double beta, double valTop1) {}

    private TipAdapterSearch() {}

    /**
     * Searches α and β for {@code adapter} on {@code val}.
     *
     * @throws CancellationException when {@code cancelled} says so (polled once per β)
     */
    public static Result search(TipAdapter adapter, Validation val, Grid grid, BooleanSupplier cancelled) {
        double[][] zeroShot = TipAdapter.zeroShotLogits(val.features(), adapter.clipWeights());
        double[][] cosines = TipAdapter.affinity(val.features(), adapter.keys());
        Result best = null;
        for (double beta : grid.betas()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Tip-Adapter search cancelled");
            }
            for (double alpha : grid.alphas()) {
                double acc = TipAdapter.accuracy(TipAdapter.combine(zeroShot, cosines, adapter.values(), alpha, beta),
                        val.labels());
                if (best == null || acc > best.valTop1()) {
                    best = new Result(alpha, beta, acc);
                }
            }
        }
        return best;
    }
}
