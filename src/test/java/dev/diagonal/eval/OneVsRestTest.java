package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parallel one-vs-rest gives liblinear's own multi-class model, cold and warm-started. */
class OneVsRestTest {

    private static Problem problem() {
        // rows in a shuffled class order, so that liblinear's first-occurrence label order is not 0, 1, 2, …
        LinearProbeTest.Synthetic data = LinearProbeTest.Synthetic.make(5, 30, 16, 0.8, 3);
        int[] labels = data.labels().clone();
        float[][] features = data.features().clone();
        Random random = new Random(9);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int l = labels[i];
            labels[i] = labels[j];
            labels[j] = l;
            float[] f = features[i];
            features[i] = features[j];
            features[j] = f;
        }
        return LinearProbe.problem(features, labels, 5);
    }

    private static void assertSameModel(Model ours, Model theirs) {
        assertThat(ours.getLabels()).containsExactly(theirs.getLabels());
        assertThat(ours.getNrFeature()).isEqualTo(theirs.getNrFeature());
        assertThat(ours.getBias()).isEqualTo(theirs.getBias());
        double[] a = ours.getFeatureWeights();
        double[] b = theirs.getFeatureWeights();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("weight %d", i).isCloseTo(b[i], within(1e-6 * (1 + Math.abs(b[i]))));
        }
    }

    @Test
    void matchesLiblinearsSequentialOneVsRest() {
        Problem problem = problem();
        for (double c : new double[] {0.01, 1, 100}) {
            Model theirs = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, LinearProbe.DEFAULT_EPS));
            Model ours = OneVsRest.train(problem, new Parameter(SolverType.L2R_LR, c, LinearProbe.DEFAULT_EPS), null, 0);
            assertSameModel(ours, theirs);
        }
    }

    @Test
    void warmStartsFromMultiClassWeightsAsLiblinearDoes() {
        Problem problem = problem();
        double[] start = Linear.train(problem, new Parameter(SolverType.L2R_LR, 1, LinearProbe.DEFAULT_EPS))
                .getFeatureWeights();
        Parameter warm = new Parameter(SolverType.L2R_LR, 100, LinearProbe.DEFAULT_EPS);
        warm.setInitSol(start.clone());
        Model theirs = Linear.train(problem, warm);
        Model ours = OneVsRest.train(problem, new Parameter(SolverType.L2R_LR, 100, LinearProbe.DEFAULT_EPS), start, 0);
        assertSameModel(ours, theirs);
    }
}
