package dev.diagonal.io;

import dev.diagonal.DiagonalException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * WiSE-FT weight-space ensembling (Wortsman et al., 2022): {@code θ = (1−α)·θ_start + α·θ_run}, computed
 * tensor by tensor in float32. Integer and boolean tensors (e.g. {@code position_ids}) are index tables,
 * not learned weights, so they are taken from the run unchanged.
 */
public final class WiseFt {

    private static final Set<TensorDType> FLOAT_TYPES =
            Set.of(TensorDType.F64, TensorDType.F32, TensorDType.F16, TensorDType.BF16);

    private WiseFt() {}

    /**
     * Interpolates two weight maps with the same keys and shapes.
     *
     * @param start the starting (pre-fine-tuning) model's tensors
     * @param run the fine-tuned run's tensors
     * @param alpha the run's weight, in [0, 1]; 0 gives {@code start}, 1 gives {@code run}
     * @return a new map in {@code run}'s key order; float tensors are F32
     * @throws DiagonalException if α is outside [0, 1] or the maps differ in a key or a shape (the message
     *     names the tensor)
     */
    public static Map<String, HostTensor> interpolate(
            Map<String, HostTensor> start, Map<String, HostTensor> run, double alpha) {
        validateAlpha(alpha, "alpha");
        for (String key : start.keySet()) {
            if (!run.containsKey(key)) {
                throw new DiagonalException("WiSE-FT: tensor " + key + " is in the starting model but not in the run");
            }
        }
        float a = (float) alpha;
        float b = 1f - a;
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> entry : run.entrySet()) {
            String key = entry.getKey();
            HostTensor tuned = entry.getValue();
            HostTensor base = start.get(key);
            if (base == null) {
                throw new DiagonalException("WiSE-FT: tensor " + key + " is in the run but not in the starting model");
            }
            if (!Arrays.equals(base.shape(), tuned.shape())) {
                throw new DiagonalException("WiSE-FT: tensor " + key + " has shape " + Arrays.toString(base.shape())
                        + " in the starting model but " + Arrays.toString(tuned.shape()) + " in the run");
            }
            if (!FLOAT_TYPES.contains(tuned.sourceType())) {
                out.put(key, tuned);
                continue;
            }
            float[] x = base.data();
            float[] y = tuned.data();
            float[] z = new float[y.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = b * x[i] + a * y[i];
            }
            out.put(key, HostTensor.of(key, z, tuned.shape()));
        }
        return out;
    }

    /**
     * Checks that α lies in [0, 1].
     *
     * @param setting the flag or field name to put in the error message (e.g. {@code "--wise-ft"})
     * @throws DiagonalException naming {@code setting} if α is outside [0, 1] or not a number
     */
    public static void validateAlpha(double alpha, String setting) {
        if (!(alpha >= 0.0 && alpha <= 1.0)) {
            throw new DiagonalException(setting + " must be in [0, 1], got " + alpha);
        }
    }
}
