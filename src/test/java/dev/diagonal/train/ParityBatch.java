package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.io.HostTensor;
import java.util.Map;

/** The reference batches of {@code train/parity.inputs.safetensors} fed to Diagonal's step, and the comparison. */
final class ParityBatch {

    private ParityBatch() {}

    /** Forward and backward on batch {@code k} (1-based) of the fixture's inputs; the loss. */
    static double forwardBackward(ClipModel model, NDManager manager, Map<String, HostTensor> inputs, int k) {
        try (NDScope scope = new NDScope()) {
            return ContrastiveStep.forwardBackward(model, array(manager, inputs.get("pixel_values_" + k)),
                    ids(manager, inputs.get("input_ids_" + k)), ids(manager, inputs.get("attention_mask_" + k)), 1.0);
        }
    }

    /** The largest element-wise difference; the arrays must be of one length. */
    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
        }
        return worst;
    }

    private static NDArray array(NDManager manager, HostTensor tensor) {
        return manager.create(tensor.data(), new Shape(tensor.shape()));
    }

    /** Token ids stored as floats in the fixture, as int64. */
    private static NDArray ids(NDManager manager, HostTensor tensor) {
        float[] values = tensor.data();
        long[] ids = new long[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) values[i];
        }
        return manager.create(ids, new Shape(tensor.shape()));
    }
}
