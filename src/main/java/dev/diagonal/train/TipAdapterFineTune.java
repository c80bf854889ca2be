package dev.diagonal.train;

import dev.diagonal.eval.TipAdapter;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Tip-Adapter-F's training of the cache keys, as the reference code does it: the keys are the weight of a
 * bias-free linear layer on normalised image features (not renormalised while training), the loss is the
 * cross-entropy of {@code 100·f·Wᵀ + α·exp(−β(1 − f·Kᵀ))·V} at fixed α and β, the optimiser torch's AdamW
 * and the schedule {@code CosineAnnealingLR} over all steps (stepped after each batch, η_min 0). The
 * gradient is written out by hand: with G = (softmax − onehot)/N, dK = (β·E ⊙ α·G·Vᵀ)ᵀ·F where
 * E = exp(−β(1 − F·Kᵀ)).
 */
final class TipAdapterFineTune {

    /** Optimiser and schedule settings. */
    record Settings(int epochs, int batchSize, double lr, double eps, double weightDecay, double beta1, double beta2) {
        /** The reference's: 20 epochs, batch 256, AdamW lr 1e-3, eps 1e-4, weight decay 0.01 (torch's default). */
        static Settings defaults() {
            return new Settings(20, 256, 1e-3, 1e-4, 0.01, 0.9, 0.999);
        }
    }

    /** Hears each epoch's end: its mean training loss. */
    interface EpochListener {
        void onEpoch(int epoch, double meanLoss, float[][] keys);
    }

    private TipAdapterFineTune() {}

    /**
     * Trains the keys of {@code adapter} (at its α and β) and returns the keys after the last epoch.
     *
     * @param features the training features of epoch e (L2-normalised, one row per cache entry, in cache order)
     * @param labels class index of each training row
     * @param order the order in which epoch e visits the rows
     * @throws CancellationException when cancelled (polled once per batch)
     */
    static float[][] train(TipAdapter adapter, IntFunction<float[][]> features, int[] labels, IntFunction<int[]> order,
            Settings settings, EpochListener listener, BooleanSupplier cancelled) {
        int m = adapter.keys().length;
        int d = m == 0 ? 0 : adapter.keys()[0].length;
        float[][] keys = new float[m][];
        for (int i = 0; i < m; i++) {
            keys[i] = adapter.keys()[i].clone();
        }
        double[][] first = new double[m][d];
        double[][] second = new double[m][d];
        int n = labels.length;
        int batchesPerEpoch = (n + settings.batchSize() - 1) / settings.batchSize();
        long total = (long) settings.epochs() * batchesPerEpoch;
        long step = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            float[][] rows = features.apply(epoch);
            int[] visit = order.apply(epoch);
            double lossSum = 0;
            for (int start = 0; start < n; start += settings.batchSize()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("Tip-Adapter-F cancelled");
                }
                int end = Math.min(n, start + settings.batchSize());
                float[][] batch = new float[end - start][];
                int[] truth = new int[end - start];
                for (int i = start; i < end; i++) {
                    batch[i - start] = rows[visit[i]];
                    truth[i - start] = labels[visit[i]];
                }
                double[][] grad = new double[m][d];
                lossSum += gradient(adapter, keys, batch, truth, grad) * batch.length;
                double lr = settings.lr() * (1 + Math.cos(Math.PI * step / total)) / 2;
                step++;
                adamW(keys, grad, first, second, step, lr, settings);
            }
            listener.onEpoch(epoch, lossSum / n, keys);
        }
        return keys;
    }

    /** Mean cross-entropy of the batch; adds dLoss/dKeys to {@code grad}. */
    static double gradient(TipAdapter adapter, float[][] keys, float[][] batch, int[] truth, double[][] grad) {
        double alpha = adapter.alpha();
        double beta = adapter.beta();
        float[][] values = adapter.values();
        double[][] cosines = TipAdapter.affinity(batch, keys);
        double[][] logits = TipAdapter.combine(TipAdapter.zeroShotLogits(batch, adapter.clipWeights()), cosines, values,
                alpha, beta);
        double[][] p = TipAdapter.softmax(logits);
        int n = batch.length;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss -= Math.log(p[i][truth[i]]);
            p[i][truth[i]] -= 1; // p is now N·G
            for (int k = 0; k < keys.length; k++) {
                double dE = 0;
                for (int c = 0; c < values[k].length; c++) {
                    dE += p[i][c] * values[k][c];
                }
                double dS = alpha * dE / n * beta * Math.exp(-beta * (1 - cosines[i][k]));
                if (dS != 0) {
                    for (int j = 0; j < keys[k].length; j++) {
                        grad[k][j] += dS * batch[i][j];
                    }
                }
            }
        }
        return loss / n;
    }

    /** torch.optim.AdamW's update (decoupled decay first, bias-corrected moments). */
    private static void adamW(float[][] keys, double[][] grad, double[][] first, double[][] second, long step, double lr,
            Settings s) {
        double c1 = 1 - Math.pow(s.beta1(), step);
        double c2 = 1 - Math.pow(s.beta2(), step);
        for (int k = 0; k < keys.length; k++) {
            for (int j = 0; j < keys[k].length; j++) {
                double g = grad[k][j];
                double p = keys[k][j] * (1 - lr * s.weightDecay());
                first[k][j] = s.beta1() * first[k][j] + (1 - s.beta1()) * g;
                second[k][j] = s.beta2() * second[k][j] + (1 - s.beta2()) * g * g;
                double denom = Math.sqrt(second[k][j] / c2) + s.eps();
                keys[k][j] = (float) (p - lr * (first[k][j] / c1) / denom);
            }
        }
    }
}
