package dev.diagonal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.TensorDType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Moves weights between HF checkpoints (tensors by state-dict name) and a {@link ClipModel}'s parameters. */
public final class StateDict {

    private StateDict() {}

    /**
     * Loads an HF model folder ({@code config.json} and safetensors weights) into a new model whose
     * arrays live in {@code manager} (and on its device), as float32.
     */
    public static ClipModel load(Path modelDir, NDManager manager) {
        ClipConfig config = ClipConfig.read(modelDir);
        ClipModel model = new ClipModel(config);
        assign(model, HfWeights.load(modelDir), manager, modelDir.toString());
        return model;
    }

    /**
     * Gives every parameter of {@code model} the checkpoint tensor of the same name. Every expected
     * tensor must be there with the shape the config implies; extra tensors (such as the old
     * {@code position_ids} buffers) are ignored, as {@code transformers} does.
     */
    public static void assign(ClipModel model, Map<String, HostTensor> tensors, NDManager manager, String source) {
        Map<String, Shape> shapes = model.expectedShapes();
        TreeSet<String> missing = new TreeSet<>();
        for (Map.Entry<String, Shape> entry : shapes.entrySet()) {
            HostTensor tensor = tensors.get(entry.getKey());
            if (tensor == null) {
                missing.add(entry.getKey());
            } else if (!new Shape(tensor.shape()).equals(entry.getValue())) {
                throw new DiagonalException("tensor " + entry.getKey() + " in " + source + " has shape "
                        + new Shape(tensor.shape()) + " but config.json implies " + entry.getValue());
            }
        }
        if (!missing.isEmpty()) {
            String more = missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "";
            throw new DiagonalException(source + " lacks tensor " + missing.first() + more
                    + "; is it a CLIPModel checkpoint matching its config.json?");
        }
        for (Map.Entry<String, Parameter> entry : model.stateDict().entrySet()) {
            HostTensor tensor = tensors.get(entry.getKey());
            NDArray array = manager.create(tensor.data(), shapes.get(entry.getKey()));
            entry.getValue().setArray(array);
        }
    }

    /** The model's weights as float32 host tensors under HF names, ready to write as safetensors. */
    public static List<HostTensor> export(ClipModel model) {
        List<HostTensor> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : model.stateDict().entrySet()) {
            NDArray array = entry.getValue().getArray();
            float[] data = array.toType(DataType.FLOAT32, false).toFloatArray();
            out.add(new HostTensor(entry.getKey(), TensorDType.F32, array.getShape().getShape(), data));
        }
        return out;
    }
}
