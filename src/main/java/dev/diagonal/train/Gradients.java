package dev.diagonal.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** Gradient bookkeeping between backward passes and optimizer steps: clipping and zeroing. */
public final class Gradients {

    private Gradients() {}

    /**
     * Scales the gradients so that their global L2 norm is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_} does ({@code coef = maxNorm / (norm + 1e-6)}, applied
     * when below 1). {@code maxNorm} 0 only measures.
     *
     * @return the global norm before clipping (NaN or infinite when a gradient is)
     */
    public static double clipGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        if (parameters.isEmpty()) {
            return 0;
        }
        try (NDScope scope = new NDScope()) {
            NDList norms = new NDList();
            for (Parameter parameter : parameters) {
                norms.add(parameter.getArray().getGradient().norm().reshape(1));
            }
            double total = NDArrays.concat(norms).norm().getFloat();
            if (maxNorm > 0 && Double.isFinite(total)) {
                float coefficient = (float) maxNorm / ((float) total + 1e-6f); // float32, as torch computes it
                if (coefficient < 1) {
                    for (Parameter parameter : parameters) {
                        parameter.getArray().getGradient().muli(coefficient);
                    }
                }
            }
            return total;
        }
    }

    /** Sets every gradient to zero (gradients add up across backward passes until then). */
    public static void zero(Collection<Parameter> parameters) {
        try (NDScope scope = new NDScope()) {
            for (Parameter parameter : parameters) {
                NDArray gradient = parameter.getArray().getGradient();
                gradient.muli(0);
            }
        }
    }
}
