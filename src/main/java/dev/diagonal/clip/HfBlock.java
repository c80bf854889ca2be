package dev.diagonal.clip;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL block whose parameters and children carry Hugging Face's names, so that the model's state
 * dict reads {@code vision_model.encoder.layers.3.self_attn.q_proj.weight} as in {@code transformers}.
 * Parameters get their arrays from a checkpoint (see {@link StateDict}); nothing is initialised here.
 */
public abstract class HfBlock extends AbstractBlock {

    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, HfBlock> blocks = new LinkedHashMap<>();

    /** Declares a parameter with HF's name and the shape a checkpoint must give it. */
    protected final Parameter param(String name, long... shape) {
        Parameter.Type type = name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT;
        Parameter parameter = addParameter(Parameter.builder().setName(name).setType(type).build());
        params.put(name, parameter);
        shapes.put(name, new Shape(shape));
        return parameter;
    }

    /** Declares a child block under HF's name (e.g. {@code self_attn} or {@code layers.0}). */
    protected final <B extends HfBlock> B child(String name, B block) {
        addChildBlock(name, block);
        blocks.put(name, block);
        return block;
    }

    /** Every parameter below this block by its HF name, with {@code prefix} in front. */
    public final void collect(String prefix, Map<String, Parameter> outParams, Map<String, Shape> outShapes) {
        params.forEach((name, p) -> outParams.put(prefix + name, p));
        shapes.forEach((name, s) -> outShapes.put(prefix + name, s));
        blocks.forEach((name, b) -> b.collect(prefix + name + ".", outParams, outShapes));
    }

    /** The forward pass on the block's typed inputs; DJL's generic entry point delegates here. */
    protected abstract NDList forward(NDList inputs);

    @Override
    protected final NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(inputs);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
