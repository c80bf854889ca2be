package dev.diagonal.clip;

import ai.djl.ndarray.types.Shape;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random initial weights for a CLIP model, drawn as HF's {@code CLIPPreTrainedModel._init_weights} draws
 * them (with {@code initializer_factor} 1 and {@code initializer_range} 0.02): normal embeddings
 * (std 0.02; the class embedding std {@code width^-0.5}), attention and MLP weights scaled by width and
 * depth, projections std {@code width^-0.5}, layer norms at weight 1 and bias 0, every bias 0, and
 * {@code logit_scale} at {@code logit_scale_init_value}. The numbers come from a seeded Java generator,
 * so they follow HF's distributions, not its exact draws.
 */
public final class ClipInit {

    private static final double RANGE = 0.02;

    private ClipInit() {}

    /** Every tensor of {@code config}'s model, in state-dict order, drawn with {@code seed}. */
    public static List<HostTensor> random(ClipConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HostTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, Shape> entry : new ClipModel(config).expectedShapes().entrySet()) {
            String name = entry.getKey();
            long[] shape = entry.getValue().getShape();
            float[] data = new float[Math.toIntExact(entry.getValue().size())];
            if (name.equals("logit_scale")) {
                data[0] = (float) config.logitScaleInitValue();
            } else if (isNorm(name) && name.endsWith(".weight")) {
                java.util.Arrays.fill(data, 1f);
            } else if (!name.endsWith(".bias")) {
                double std = std(name, config);
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (random.nextGaussian() * std);
                }
            }
            tensors.add(HostTensor.of(name, data, shape));
        }
        return tensors;
    }

    private static boolean isNorm(String name) {
        return name.contains("layer_norm") || name.contains("layrnorm") || name.contains("layernorm");
    }

    /** HF's standard deviation for a weight, by its name. */
    static double std(String name, ClipConfig config) {
        boolean text = name.startsWith("text_model.");
        int width = text ? config.text().hiddenSize() : config.vision().hiddenSize();
        int layers = text ? config.text().numHiddenLayers() : config.vision().numHiddenLayers();
        double inProj = Math.pow(width, -0.5) * Math.pow(2.0 * layers, -0.5);
        if (name.equals("text_projection.weight")) {
            return Math.pow(config.text().hiddenSize(), -0.5);
        }
        if (name.equals("visual_projection.weight")) {
            return Math.pow(config.vision().hiddenSize(), -0.5);
        }
        if (name.endsWith("embeddings.class_embedding")) {
            return Math.pow(width, -0.5);
        }
        if (name.contains("embeddings.")) {
            return RANGE; // token, position and patch embeddings
        }
        if (name.endsWith("q_proj.weight") || name.endsWith("k_proj.weight") || name.endsWith("v_proj.weight")
                || name.endsWith("fc2.weight")) {
            return inProj;
        }
        if (name.endsWith("out_proj.weight")) {
            return Math.pow(width, -0.5);
        }
        if (name.endsWith("fc1.weight")) {
            return Math.pow(2.0 * width, -0.5);
        }
        throw new DiagonalException("no initialisation rule for tensor " + name);
    }
}
