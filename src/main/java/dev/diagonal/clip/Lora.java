package dev.diagonal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.TensorDType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * LoRA adapters on a {@link ClipModel}'s attention projections, as peft's {@code LoraLayer} computes them:
 * {@code y = W x + b + (alpha / r) · B(A(dropout(x)))}, A (r × in) initialised kaiming-uniform with
 * a = √5 (uniform in ±1/√in), B (out × r) zeros. Adapter names are peft's without its
 * {@code base_model.model.} prefix: {@code vision_model.encoder.layers.0.self_attn.q_proj.lora_A.weight}.
 */
public final class Lora {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final List<Adapter> adapters = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final float scale;
    private final float dropout;
    private boolean training;

    /** One adapted layer's A and B. */
    final class Adapter {
        final ClipLayers.Linear target;
        final Parameter a;
        final Parameter b;

        Adapter(ClipLayers.Linear target, Parameter a, Parameter b) {
            this.target = target;
            this.a = a;
            this.b = b;
        }

        NDArray apply(NDArray x) {
            NDArray in = dropout > 0 && training ? Dropout.dropout(x, dropout, true).head() : x;
            NDArray down = ai.djl.nn.core.Linear.linear(in, a.getArray(), null).head();
            NDArray up = ai.djl.nn.core.Linear.linear(down, b.getArray(), null).head();
            return up.mul(Scalars.of(up, scale)); // not mul(float): see Scalars
        }
    }

    private Lora(float scale, float dropout) {
        this.scale = scale;
        this.dropout = dropout;
    }

    /**
     * Attaches fresh adapters of rank {@code rank} to the {@code targets} of every block of both towers.
     *
     * @param seed seeds A's initialisation
     */
    public static Lora attach(ClipModel model, int rank, double alpha, double dropout, List<String> targets, long seed,
            NDManager manager) {
        Lora lora = new Lora((float) (alpha / rank), (float) dropout);
        Random random = new Random(seed);
        String[] towers = {"text_model", "vision_model"};
        for (String tower : towers) {
            ClipLayers.Encoder encoder = tower.equals("text_model") ? model.textModel().encoder() : model.visionModel().encoder();
            for (int i = 0; i < encoder.layerCount(); i++) {
                for (String target : targets) {
                    ClipLayers.Linear linear = encoder.layer(i).selfAttn().projection(target);
                    Shape w = linear.weight().getArray().getShape();
                    int in = (int) w.get(1);
                    float bound = (float) (1 / Math.sqrt(in));
                    float[] a = new float[rank * in];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = (random.nextFloat() * 2 - 1) * bound;
                    }
                    String prefix = tower + ".encoder.layers." + i + ".self_attn." + target + ".";
                    Parameter pa = lora.parameter(prefix + "lora_A.weight", manager.create(a, new Shape(rank, in)));
                    Parameter pb = lora.parameter(prefix + "lora_B.weight", manager.zeros(new Shape(w.get(0), rank)));
                    Adapter adapter = lora.new Adapter(linear, pa, pb);
                    linear.attach(adapter);
                    lora.adapters.add(adapter);
                    lora.prefixes.add(prefix);
                }
            }
        }
        return lora;
    }

    private Parameter parameter(String name, NDArray array) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(array);
        parameters.put(name, p);
        return p;
    }

    /** The adapters' parameters (A and B of each layer) by name, in layer order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Turns dropout on (training) or off (evaluation). */
    public void training(boolean on) {
        training = on;
    }

    /** The adapters as F32 host tensors under their names. */
    public List<HostTensor> export() {
        List<HostTensor> out = new ArrayList<>();
        parameters.forEach((name, p) -> out.add(new HostTensor(name, TensorDType.F32, p.getArray().getShape().getShape(),
                p.getArray().toType(DataType.FLOAT32, false).toFloatArray())));
        return out;
    }

    /**
     * Sets every adapter from {@code tensors} (a checkpoint's or peft's adapter weights, without the prefix).
     *
     * @throws DiagonalException naming {@code source} when one is missing or of another shape
     */
    public void assign(Map<String, HostTensor> tensors, NDManager manager, String source) {
        parameters.forEach((name, p) -> {
            HostTensor t = tensors.get(name);
            if (t == null) {
                throw new DiagonalException(source + " lacks adapter tensor " + name + " (were --lora-rank or --lora-targets changed?)");
            }
            Shape shape = p.getArray().getShape();
            if (!new Shape(t.shape()).equals(shape)) {
                throw new DiagonalException("adapter tensor " + name + " in " + source + " has shape " + new Shape(t.shape())
                        + ", expected " + shape);
            }
            p.getArray().set(t.data()); // in place: the optimizer and the layer hold this array
        });
    }

    /**
     * The model's weights with every adapter merged in ({@code W + scale · B · A}), as an HF checkpoint
     * that {@code transformers} loads without peft.
     */
    public List<HostTensor> merged(ClipModel model) {
        Map<Parameter, Adapter> byWeight = new LinkedHashMap<>();
        adapters.forEach(a -> byWeight.put(a.target.weight(), a));
        List<HostTensor> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : model.stateDict().entrySet()) {
            NDArray w = entry.getValue().getArray();
            Adapter adapter = byWeight.get(entry.getValue());
            try (NDScope scope = new NDScope()) { // frees the temporaries, not the weights made before it
                NDArray value = w;
                if (adapter != null) {
                    NDArray delta = adapter.b.getArray().matMul(adapter.a.getArray());
                    value = w.add(delta.mul(Scalars.of(delta, scale)));
                }
                out.add(new HostTensor(entry.getKey(), TensorDType.F32, w.getShape().getShape(),
                        value.toType(DataType.FLOAT32, false).toFloatArray()));
            }
        }
        return out;
    }
}
