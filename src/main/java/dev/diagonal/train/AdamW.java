package dev.diagonal.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.TensorDType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AdamW as {@code torch.optim.AdamW} computes it (single-tensor form, to float32 rounding): decoupled
 * weight decay {@code p *= 1 - lr·wd} first, then {@code m ← β1·m + (1-β1)·g}, {@code v ← β2·v + (1-β2)·g²},
 * {@code p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + eps)}. Two parameter groups: the decay group
 * uses {@code weightDecay}, the other ({@link ParamGroups}) none. Only the parameters given (the
 * trainable ones) are updated; their gradients are read as they are (clip them first) and are left
 * holding scratch values: zero them before the next backward pass.
 *
 * <p>Scalars enter the arithmetic as float32, as PyTorch's kernels take them, so 0-d parameters (the
 * logit scale) are not promoted to float64.
 *
 * <p>State (per parameter {@code m}, {@code v}; one step count) lives in its own manager, created up
 * front, so it survives the per-step scopes, and can be exported to and imported from host tensors
 * for checkpoints.
 */
public final class AdamW implements AutoCloseable {

    /** Prefix of the first-moment tensors in an exported state. */
    public static final String EXP_AVG = "exp_avg.";
    /** Prefix of the second-moment tensors in an exported state. */
    public static final String EXP_AVG_SQ = "exp_avg_sq.";

    private final List<Slot> slots = new ArrayList<>();
    private final NDManager stateManager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long steps;

    private static final class Slot {
        final String name;
        final Parameter parameter;
        final boolean decays;
        NDArray m;
        NDArray v;

        Slot(String name, Parameter parameter) {
            this.name = name;
            this.parameter = parameter;
            this.decays = ParamGroups.decays(name);
        }
    }

    /**
     * An optimizer over {@code parameters} (HF name to parameter, in a fixed order) with zeroed state.
     *
     * @param manager the model's manager; the state lives in a sub-manager of it, on the same device
     */
    public AdamW(Map<String, Parameter> parameters, NDManager manager, double beta1, double beta2, double eps,
            double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.stateManager = manager.newSubManager();
        parameters.forEach((name, parameter) -> {
            Slot slot = new Slot(name, parameter);
            Shape shape = parameter.getArray().getShape();
            slot.m = stateManager.zeros(shape, DataType.FLOAT32);
            slot.v = stateManager.zeros(shape, DataType.FLOAT32);
            NDScope.unregister(slot.m, slot.v);
            slots.add(slot);
        });
    }

    /** Optimizer steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * Updates every parameter from its current gradient with learning rate {@code lr}; the gradients
     * are overwritten (zero them before the next backward pass).
     */
    public void step(double lr) {
        steps++;
        double biasCorrection1 = 1 - Math.pow(beta1, steps);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        double stepSize = lr / biasCorrection1;
        try (NDScope scope = new NDScope()) {
            for (Slot slot : slots) {
                NDArray p = slot.parameter.getArray();
                NDArray g = p.getGradient();
                if (slot.decays && weightDecay != 0) {
                    p.muli((float) (1 - lr * weightDecay));
                }
                // in place where torch is: only the denominator is a new array; the gradient, which is
                // zeroed after the step anyway, serves as scratch space
                slot.m.subi(g).muli((float) beta1).addi(g);
                g.muli(g).muli((float) (1 - beta2));
                slot.v.muli((float) beta2).addi(g);
                NDArray denominator = slot.v.sqrt().divi((float) biasCorrection2Sqrt).addi((float) eps);
                g.muli(0).addi(slot.m).divi(denominator).muli((float) -stepSize);
                p.addi(g);
            }
        }
    }

    /** One moment of the state as host tensors: {@code exp_avg.<name>} (first) or {@code exp_avg_sq.<name>} (second). */
    public List<HostTensor> exportMoments(boolean second) {
        List<HostTensor> out = new ArrayList<>();
        for (Slot slot : slots) {
            NDArray moment = second ? slot.v : slot.m;
            out.add(new HostTensor((second ? EXP_AVG_SQ : EXP_AVG) + slot.name, TensorDType.F32,
                    moment.getShape().getShape(), moment.toFloatArray()));
        }
        return out;
    }

    /**
     * Restores exported moments (both kinds may come in one map or in two calls) and the step count.
     *
     * @throws DiagonalException naming {@code source} when a tensor is missing or has another shape
     */
    public void importMoments(Map<String, HostTensor> tensors, boolean second, long stepCount, String source) {
        for (Slot slot : slots) {
            String name = (second ? EXP_AVG_SQ : EXP_AVG) + slot.name;
            NDArray old = second ? slot.v : slot.m;
            NDArray restored = restore(tensors.get(name), name, old.getShape(), source);
            old.close();
            if (second) {
                slot.v = restored;
            } else {
                slot.m = restored;
            }
        }
        steps = stepCount;
    }

    private NDArray restore(HostTensor tensor, String name, Shape shape, String source) {
        if (tensor == null) {
            throw new DiagonalException(source + " lacks optimizer tensor " + name
                    + " (was the run's freeze setting, --freeze, changed?)");
        }
        if (!new Shape(tensor.shape()).equals(shape)) {
            throw new DiagonalException("optimizer tensor " + name + " in " + source + " has shape "
                    + new Shape(tensor.shape()) + ", expected " + shape);
        }
        NDArray array = stateManager.create(tensor.data(), shape);
        NDScope.unregister(array);
        return array;
    }

    /** Frees the state. */
    @Override
    public void close() {
        stateManager.close();
    }
}
