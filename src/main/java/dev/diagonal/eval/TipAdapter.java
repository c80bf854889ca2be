package dev.diagonal.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.io.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tip-Adapter classifier (Zhang et al. 2022), in the reference code's conventions: for an L2-normalised
 * image feature f, {@code logits = 100·f·Wᵀ + α·exp(−β(1 − f·Kᵀ))·V}, where W are the normalised class
 * text embeddings (the zero-shot head), K the cache keys (one row per training image) and V their one-hot
 * labels. Tip-Adapter-F has the same form with trained keys.
 *
 * @param keys cache keys, M × D
 * @param values cache values, M × C (one-hot)
 * @param clipWeights zero-shot head, C × D (unit rows)
 * @param alpha residual ratio α
 * @param beta sharpness β
 * @param labels class labels, in the column order of {@code values} and the rows of {@code clipWeights}
 */
public record TipAdapter(float[][] keys, float[][] values, float[][] clipWeights, double alpha, double beta,
        List<String> labels) {

    /** The file a Tip-Adapter run folder holds the classifier in. */
    public static final String FILE = "tip_adapter.safetensors";
    /** The training-free method's name in {@code run.json}. */
    public static final String METHOD = "tip-adapter";
    /** The fine-tuned-keys method's name in {@code run.json}. */
    public static final String METHOD_F = "tip-adapter-f";
    /** The reference's scale on zero-shot cosines. */
    public static final double CLIP_SCALE = 100.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** This classifier with other α and β. */
    public TipAdapter with(double newAlpha, double newBeta) {
        return new TipAdapter(keys, values, clipWeights, newAlpha, newBeta, labels);
    }

    /** Logits (N × C) for L2-normalised features. */
    public double[][] logits(float[][] features) {
        return combine(zeroShotLogits(features, clipWeights), affinity(features, keys), values, alpha, beta);
    }

    /** {@code 100·f·Wᵀ}. */
    public static double[][] zeroShotLogits(float[][] features, float[][] clipWeights) {
        double[][] out = dot(features, clipWeights);
        for (double[] row : out) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= CLIP_SCALE;
            }
        }
        return out;
    }

    /** {@code f·Kᵀ}: the cosines between features and keys, before the exponential (β enters later). */
    public static double[][] affinity(float[][] features, float[][] keys) {
        return dot(features, keys);
    }

    /** {@code zeroShot + α·exp(−β(1 − S))·V} for cosines S. */
    public static double[][] combine(double[][] zeroShot, double[][] cosines, float[][] values, double alpha, double beta) {
        int classes = values.length == 0 ? zeroShot[0].length : values[0].length;
        double[][] out = new double[zeroShot.length][];
        for (int i = 0; i < zeroShot.length; i++) {
            double[] row = zeroShot[i].clone();
            for (int m = 0; m < values.length; m++) {
                double a = alpha * Math.exp(-beta * (1 - cosines[i][m]));
                for (int c = 0; c < classes; c++) {
                    if (values[m][c] != 0) {
                        row[c] += a * values[m][c];
                    }
                }
            }
            out[i] = row;
        }
        return out;
    }

    /** L2-normalised copies of the rows. */
    public static float[][] normalizedRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Similarity.normalized(rows[i]);
        }
        return out;
    }

    /** One-hot rows for class indices. */
    public static float[][] oneHot(int[] labels, int classes) {
        float[][] out = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            out[i][labels[i]] = 1;
        }
        return out;
    }

    /** Share of rows whose highest logit is the true class (ties: lower index, as argmax). */
    public static double accuracy(double[][] logits, int[] labels) {
        int hits = 0;
        for (int i = 0; i < logits.length; i++) {
            hits += argMax(logits[i]) == labels[i] ? 1 : 0;
        }
        return logits.length == 0 ? 0 : (double) hits / logits.length;
    }

    static int argMax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Softmax of each row. */
    public static double[][] softmax(double[][] logits) {
        double[][] out = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            out[i] = new double[logits[i].length];
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = Math.exp(logits[i][c] - max);
                sum += out[i][c];
            }
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] /= sum;
            }
        }
        return out;
    }

    /** Scores labelled, L2-normalised features, in the form {@code evaluate} writes for a linear probe. */
    public LinearProbeMetrics evaluate(float[][] features, int[] labelIndices) {
        return LinearProbeMetrics.compute(softmax(logits(features)), labelIndices, labels);
    }

    /** Writes {@code keys}, {@code values}, {@code clip_weights}, {@code alpha}, {@code beta}; labels go in the metadata. */
    public void save(Path file, String method) {
        List<HostTensor> tensors = List.of(matrix("keys", keys), matrix("values", values),
                matrix("clip_weights", clipWeights), HostTensor.scalar("alpha", (float) alpha),
                HostTensor.scalar("beta", (float) beta));
        Map<String, String> metadata = new LinkedHashMap<>();
        try {
            metadata.put("labels", JSON.writeValueAsString(labels));
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + file + ": " + e.getMessage(), e);
        }
        metadata.put("method", method);
        metadata.put("formula", "logits = 100*f@clip_weights.T + alpha*exp(-beta*(1 - f@keys.T))@values");
        metadata.put("alpha", Double.toString(alpha));
        metadata.put("beta", Double.toString(beta));
        Safetensors.write(file, tensors, metadata, TensorDType.F32);
    }

    /**
     * Reads a classifier written by {@link #save}; α and β are taken at full precision from the metadata.
     *
     * @throws DiagonalException naming the file when it is missing or lacks a tensor
     */
    public static TipAdapter load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException("no " + file.getFileName() + " in " + file.getParent() + " (not a finished Tip-Adapter run)");
        }
        Map<String, HostTensor> tensors = Safetensors.read(file);
        Map<String, String> metadata = Safetensors.readHeader(file).metadata();
        for (String name : List.of("keys", "values", "clip_weights")) {
            if (!tensors.containsKey(name)) {
                throw new DiagonalException(file + " lacks the tensor " + name);
            }
        }
        List<String> labels;
        try {
            labels = JSON.readValue(metadata.getOrDefault("labels", "null"), new TypeReference<List<String>>() {});
        } catch (IOException e) {
            labels = null;
        }
        if (labels == null || !metadata.containsKey("alpha") || !metadata.containsKey("beta")) {
            throw new DiagonalException(file + " lacks labels, alpha or beta in its metadata");
        }
        return new TipAdapter(rows(tensors.get("keys")), rows(tensors.get("values")), rows(tensors.get("clip_weights")),
                Double.parseDouble(metadata.get("alpha")), Double.parseDouble(metadata.get("beta")), List.copyOf(labels));
    }

    private static HostTensor matrix(String name, float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return HostTensor.of(name, flat, rows.length, cols);
    }

    /** The rows of a 2-D tensor. */
    public static float[][] rows(HostTensor tensor) {
        int r = (int) tensor.dim(0);
        int c = (int) tensor.dim(1);
        float[][] out = new float[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(tensor.data(), i * c, out[i], 0, c);
        }
        return out;
    }

    private static double[][] dot(float[][] a, float[][] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int d = 0; d < a[i].length; d++) {
                    s += a[i][d] * b[j][d];
                }
                out[i][j] = s;
            }
        }
        return out;
    }
}
