package dev.diagonal.train;

/**
 * Which parameters get weight decay. Following CLIP practice, biases, normalisation gains, embedding
 * tables (token, position and class embeddings) and the logit scale are not decayed; the weights of
 * linear layers, the patch-embedding convolution and the projections are.
 */
public final class ParamGroups {

    private ParamGroups() {}

    /** Whether the parameter of HF name {@code name} belongs to the decay group. */
    public static boolean decays(String name) {
        return !(name.endsWith("bias")
                || name.equals("logit_scale")
                || name.contains("layer_norm") || name.contains("layrnorm") || name.contains("layernorm")
                || name.endsWith("token_embedding.weight")
                || name.endsWith("position_embedding.weight")
                || name.endsWith("class_embedding"));
    }
}
