package dev.diagonal.eval;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * liblinear's one-vs-rest logistic regression with its binary problems solved on all cores: for each class,
 * liblinear's own L2R_LR solver on "this class (+1) against the rest (−1)", as {@code Linear.train} does one
 * class after the other, then one multi-class model of those weights. The classes keep liblinear's order
 * (first occurrence in the training rows), so the model file and warm starts read as before.
 */
final class OneVsRest {

    private OneVsRest() {}

    /**
     * Trains one model for {@code problem} (three or more labels) with {@code parameter}'s solver, C and eps.
     *
     * @param initialWeights liblinear's multi-class layout ({@code w[feature * classes + class]}), or null
     */
    static Model train(Problem problem, Parameter parameter, double[] initialWeights, long seed) {
        int[] labels = Arrays.stream(problem.y).mapToInt(y -> (int) y).distinct().toArray();
        int width = problem.n; // features plus the bias column
        if (initialWeights != null && initialWeights.length != width * labels.length) {
            throw new IllegalArgumentException(initialWeights.length + " initial weights for " + width + " x "
                    + labels.length);
        }
        double[][] columns = new double[labels.length][];
        IntStream.range(0, labels.length).parallel().forEach(k -> columns[k] = binary(problem, parameter, labels, k,
                initialWeights, seed));
        return model(problem, labels, columns);
    }

    /** The weights of "class {@code k} against the rest", for the +1 side. */
    private static double[] binary(Problem problem, Parameter parameter, int[] labels, int k, double[] initial,
            long seed) {
        Problem binary = new Problem();
        binary.l = problem.l;
        binary.n = problem.n;
        binary.bias = problem.bias;
        binary.x = problem.x;
        binary.y = new double[problem.l];
        for (int i = 0; i < problem.l; i++) {
            binary.y[i] = problem.y[i] == labels[k] ? +1 : -1;
        }
        Parameter one = new Parameter(parameter.getSolverType(), parameter.getC(), parameter.getEps());
        one.setRandom(new Random(seed));
        if (initial != null) {
            double[] start = new double[problem.n];
            for (int j = 0; j < start.length; j++) {
                start[j] = initial[j * labels.length + k];
            }
            one.setInitSol(start);
        }
        Model model = Linear.train(binary, one);
        double[] w = model.getFeatureWeights().clone();
        if (model.getLabels()[0] != +1) { // liblinear puts +1 first; the weights are for the first label
            for (int j = 0; j < w.length; j++) {
                w[j] = -w[j];
            }
        }
        return w;
    }

    /** A multi-class model in liblinear's file form, read back by liblinear. */
    private static Model model(Problem problem, int[] labels, double[][] columns) {
        StringBuilder text = new StringBuilder("solver_type L2R_LR\nnr_class ").append(labels.length).append("\nlabel");
        for (int label : labels) {
            text.append(' ').append(label);
        }
        text.append("\nnr_feature ").append(problem.n - 1).append("\nbias ").append(problem.bias).append("\nw\n");
        for (int j = 0; j < problem.n; j++) {
            for (double[] column : columns) {
                text.append(column[j]).append(' ');
            }
            text.append('\n');
        }
        try {
            return Model.load(new StringReader(text.toString()));
        } catch (IOException e) {
            throw new DiagonalException("liblinear did not read the one-vs-rest model back: " + e.getMessage(), e);
        }
    }
}
