package dev.diagonal.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A linear probe as in the CLIP paper: L2-regularised logistic regression (liblinear's {@code L2R_LR},
 * one-vs-rest over the classes with the classes' problems solved in parallel ({@link OneVsRest}), with a
 * bias term) on L2-normalised image features. Callers pass raw
 * features; the probe normalises them itself, in training and in prediction.
 */
public final class LinearProbe {

    /** liblinear's default stopping tolerance for {@code L2R_LR}. */
    public static final double DEFAULT_EPS = 0.01;

    private static final double BIAS = 1.0;

    static {
        Linear.disableDebugOutput();
    }

    private final Model model;
    private final List<String> classes;
    private final double c;
    private final int[] classOfColumn;

    private LinearProbe(Model model, List<String> classes, double c) {
        this.model = model;
        this.classes = List.copyOf(classes);
        this.c = c;
        int[] labels = model.getLabels();
        this.classOfColumn = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new DiagonalException("linear probe has class label " + labels[i] + " but only "
                        + classes.size() + " class names were given");
            }
            classOfColumn[i] = labels[i];
        }
    }

    /**
     * Trains a probe with regularisation constant {@code c} (liblinear's C: larger means weaker
     * regularisation).
     *
     * @param features one row per image (any scale: rows are L2-normalised here)
     * @param labels the class index of each row, into {@code classes}
     * @throws DiagonalException when fewer than two classes occur in {@code labels}
     */
    public static LinearProbe train(float[][] features, int[] labels, List<String> classes, double c, long seed) {
        return train(features, labels, classes, c, seed, null);
    }

    /**
     * Trains as {@link #train(float[][], int[], List, double, long)}, starting the solver from {@code start}'s
     * weights when it was trained on the same classes, first met in the same order (a refit on more rows of
     * them); from zero otherwise.
     */
    public static LinearProbe train(float[][] features, int[] labels, List<String> classes, double c, long seed,
            LinearProbe start) {
        boolean sameLayout = start != null && Arrays.equals(start.model.getLabels(),
                Arrays.stream(labels).distinct().toArray()) && start.featureDimension() == features[0].length;
        return train(problem(features, labels, classes.size()), classes, c, DEFAULT_EPS, seed,
                sameLayout ? start.model.getFeatureWeights() : null);
    }

    /** Trains on a prepared problem; {@code initialWeights} (liblinear's layout, may be null) warm-starts the solver. */
    static LinearProbe train(Problem problem, List<String> classes, double c, double eps, long seed,
            double[] initialWeights) {
        if (Arrays.stream(problem.y).distinct().count() < 2) {
            throw new DiagonalException("a linear probe needs images of at least 2 classes, got "
                    + Arrays.stream(problem.y).distinct().count());
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, eps);
        parameter.setRandom(new Random(seed));
        if (Arrays.stream(problem.y).distinct().count() > 2) {
            return new LinearProbe(OneVsRest.train(problem, parameter, initialWeights, seed), classes, c);
        }
        if (initialWeights != null) {
            parameter.setInitSol(initialWeights.clone());
        }
        return new LinearProbe(Linear.train(problem, parameter), classes, c);
    }

    /** A liblinear problem: normalised rows plus the bias feature; labels are class indices. */
    static Problem problem(float[][] features, int[] labels, int classCount) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
        }
        if (features.length == 0) {
            throw new DiagonalException("a linear probe needs at least one training image");
        }
        for (int label : labels) {
            if (label < 0 || label >= classCount) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classCount - 1));
            }
        }
        Problem problem = new Problem();
        problem.l = features.length;
        problem.n = features[0].length + 1;
        problem.bias = BIAS;
        problem.x = rows(features, features[0].length);
        problem.y = Arrays.stream(labels).asDoubleStream().toArray();
        return problem;
    }

    /** Rows in liblinear's form: L2-normalised values at indices 1..d, then the bias at d + 1. */
    static Feature[][] rows(float[][] features, int dimension) {
        Feature[][] rows = new Feature[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != dimension) {
                throw new DiagonalException("feature row " + i + " has " + features[i].length
                        + " values; the probe takes " + dimension);
            }
            float[] unit = Similarity.normalized(features[i]);
            Feature[] row = new Feature[dimension + 1];
            for (int d = 0; d < dimension; d++) {
                row[d] = new FeatureNode(d + 1, unit[d]);
            }
            row[dimension] = new FeatureNode(dimension + 1, BIAS);
            rows[i] = row;
        }
        return rows;
    }

    /** Class probabilities of one image, in {@link #classes()} order (0 for classes unseen in training). */
    public double[] probabilities(float[] feature) {
        return probabilities(rows(new float[][] {feature}, featureDimension())[0]);
    }

    double[] probabilities(Feature[] row) {
        double[] byColumn = new double[classOfColumn.length];
        Linear.predictProbability(model, row, byColumn);
        double[] out = new double[classes.size()];
        for (int i = 0; i < byColumn.length; i++) {
            out[classOfColumn[i]] = byColumn[i];
        }
        return out;
    }

    /** Class probabilities of every image (rows of raw features). */
    public double[][] probabilities(float[][] features) {
        return probabilities(rows(features, featureDimension()));
    }

    double[][] probabilities(Feature[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = probabilities(rows[i]);
        }
        return out;
    }

    /** Top-1/top-5 accuracy, log loss, per-class accuracy and confusion on labelled images. */
    public LinearProbeMetrics evaluate(float[][] features, int[] labels) {
        return LinearProbeMetrics.compute(probabilities(features), labels, classes);
    }

    /** The class names, in label-index order. */
    public List<String> classes() {
        return classes;
    }

    /** The regularisation constant C the probe was trained with. */
    public double c() {
        return c;
    }

    /** Feature width the probe takes (without the bias). */
    public int featureDimension() {
        return model.getNrFeature();
    }

    /** The underlying liblinear model. */
    public Model model() {
        return model;
    }

    /** Writes liblinear's model file atomically (the class names are the caller's to keep). */
    public void save(Path file) {
        StringWriter text = new StringWriter();
        try {
            Linear.saveModel(text, model);
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(text.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Reads a probe written by {@link #save}; {@code c} is recorded for information only.
     *
     * @throws DiagonalException naming the file when it is missing, unreadable, or its labels do not fit
     *     {@code classes}
     */
    public static LinearProbe load(Path file, List<String> classes, double c) {
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException("linear probe not found: " + file);
        }
        Model model;
        try {
            model = Linear.loadModel(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            throw new DiagonalException(file + " is not a liblinear model file: " + e.getMessage(), e);
        }
        if (model.getSolverType() != SolverType.L2R_LR) {
            throw new DiagonalException(file + ": solver " + model.getSolverType() + ", expected L2R_LR");
        }
        try {
            return new LinearProbe(model, classes, c);
        } catch (DiagonalException e) {
            throw new DiagonalException(file + ": " + e.getMessage(), e);
        }
    }
}
