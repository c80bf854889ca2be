package dev.diagonal.eval;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Small vector helpers for features held in Java arrays: normalising, cosine matrices, ranking. */
public final class Similarity {

    private Similarity() {}

    /** A copy scaled to unit L2 norm (a zero vector stays zero). */
    public static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float scale = sum == 0 ? 0f : (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    /** Cosine similarity of every row of {@code a} with every row of {@code b}. */
    public static float[][] cosine(float[][] a, float[][] b) {
        float[][] an = new float[a.length][];
        float[][] bn = new float[b.length][];
        for (int i = 0; i < a.length; i++) {
            an[i] = normalized(a[i]);
        }
        for (int j = 0; j < b.length; j++) {
            bn[j] = normalized(b[j]);
        }
        float[][] out = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double dot = 0;
                for (int d = 0; d < an[i].length; d++) {
                    dot += (double) an[i][d] * bn[j][d];
                }
                out[i][j] = (float) dot;
            }
        }
        return out;
    }

    /** Indices of {@code v} from the highest value down (ties: lower index first). */
    public static int[] argsortDescending(float[] v) {
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -v[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Softmax of {@code scale * v}. */
    public static double[] softmax(float[] v, float scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, (double) scale * x);
        }
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp((double) scale * v[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
