package dev.diagonal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * The small building blocks of CLIP's transformer, each named as in HF's {@code modeling_clip.py}:
 * {@code Linear}, {@code LayerNorm}, {@code Attention} ({@code CLIPAttention}), {@code Mlp}
 * ({@code CLIPMLP}), {@code EncoderLayer} and {@code Encoder}.
 */
public final class ClipLayers {

    private ClipLayers() {}

    /** {@code nn.Linear}: {@code y = x W^T + b}. */
    public static final class Linear extends HfBlock {
        private final Parameter weight;
        private final Parameter bias;
        private Lora.Adapter lora;

        Linear(int in, int out, boolean withBias) {
            weight = param("weight", out, in);
            bias = withBias ? param("bias", out) : null;
        }

        NDArray apply(NDArray x) {
            NDArray y = ai.djl.nn.core.Linear.linear(x, weight.getArray(), bias == null ? null : bias.getArray()).head();
            return lora == null ? y : y.add(lora.apply(x));
        }

        /** The base weight (out, in). */
        Parameter weight() {
            return weight;
        }

        /** Adds {@code adapter}'s output to this layer's from now on. */
        void attach(Lora.Adapter adapter) {
            lora = adapter;
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(apply(inputs.head()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            return new Shape[] {in.slice(0, in.dimension() - 1).add(weight.getShape().get(0))};
        }
    }

    /** {@code nn.LayerNorm} over the last axis. */
    public static final class LayerNorm extends HfBlock {
        private final Parameter weight;
        private final Parameter bias;
        private final int width;
        private final float eps;

        LayerNorm(int width, double eps) {
            this.width = width;
            this.eps = (float) eps;
            weight = param("weight", width);
            bias = param("bias", width);
        }

        NDArray apply(NDArray x) {
            return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(width), weight.getArray(), bias.getArray(), eps).head();
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(apply(inputs.head()));
        }
    }

    /** Multi-head self-attention; {@code mask} is additive (0 or a large negative) or null. */
    public static final class Attention extends HfBlock {
        private final Linear kProj;
        private final Linear vProj;
        private final Linear qProj;
        private final Linear outProj;
        private final int heads;
        private final int headDim;
        private final float scale;

        Attention(int width, int heads) {
            this.heads = heads;
            this.headDim = width / heads;
            this.scale = (float) Math.pow(headDim, -0.5);
            kProj = child("k_proj", new Linear(width, width, true));
            vProj = child("v_proj", new Linear(width, width, true));
            qProj = child("q_proj", new Linear(width, width, true));
            outProj = child("out_proj", new Linear(width, width, true));
        }

        /** The projection called {@code name} (q_proj, k_proj, v_proj or out_proj). */
        Linear projection(String name) {
            return switch (name) {
                case "q_proj" -> qProj;
                case "k_proj" -> kProj;
                case "v_proj" -> vProj;
                case "out_proj" -> outProj;
                default -> throw new IllegalArgumentException(name);
            };
        }

        NDArray apply(NDArray x, NDArray mask) {
            long batch = x.getShape().get(0);
            long length = x.getShape().get(1);
            NDArray q = splitHeads(qProj.apply(x), batch, length);
            NDArray k = splitHeads(kProj.apply(x), batch, length);
            NDArray v = splitHeads(vProj.apply(x), batch, length);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(Scalars.of(q, scale));
            if (mask != null) {
                scores = scores.add(mask);
            }
            NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3);
            return outProj.apply(context.reshape(batch, length, (long) heads * headDim));
        }

        private NDArray splitHeads(NDArray x, long batch, long length) {
            return x.reshape(batch, length, heads, headDim).transpose(0, 2, 1, 3);
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(apply(inputs.head(), inputs.size() > 1 ? inputs.get(1) : null));
        }
    }

    /** The feed-forward block: {@code fc2(act(fc1(x)))}. */
    public static final class Mlp extends HfBlock {
        private final Linear fc1;
        private final Linear fc2;
        private final HiddenAct act;

        Mlp(int width, int intermediate, HiddenAct act) {
            this.act = act;
            fc1 = child("fc1", new Linear(width, intermediate, true));
            fc2 = child("fc2", new Linear(intermediate, width, true));
        }

        NDArray apply(NDArray x) {
            return fc2.apply(act.apply(fc1.apply(x)));
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(apply(inputs.head()));
        }
    }

    /** A pre-norm transformer layer: attention then MLP, each around a residual. */
    public static final class EncoderLayer extends HfBlock {
        private final Attention selfAttn;
        private final LayerNorm layerNorm1;
        private final Mlp mlp;
        private final LayerNorm layerNorm2;

        EncoderLayer(int width, int intermediate, int heads, HiddenAct act, double eps) {
            selfAttn = child("self_attn", new Attention(width, heads));
            layerNorm1 = child("layer_norm1", new LayerNorm(width, eps));
            mlp = child("mlp", new Mlp(width, intermediate, act));
            layerNorm2 = child("layer_norm2", new LayerNorm(width, eps));
        }

        Attention selfAttn() {
            return selfAttn;
        }

        NDArray apply(NDArray x, NDArray mask) {
            NDArray h = x.add(selfAttn.apply(layerNorm1.apply(x), mask));
            return h.add(mlp.apply(layerNorm2.apply(h)));
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(apply(inputs.head(), inputs.size() > 1 ? inputs.get(1) : null));
        }
    }

    /** A stack of {@link EncoderLayer}s named {@code layers.0}, {@code layers.1}, … */
    public static final class Encoder extends HfBlock {
        private final EncoderLayer[] layers;

        Encoder(int layerCount, int width, int intermediate, int heads, HiddenAct act, double eps) {
            layers = new EncoderLayer[layerCount];
            for (int i = 0; i < layerCount; i++) {
                layers[i] = child("layers." + i, new EncoderLayer(width, intermediate, heads, act, eps));
            }
        }

        /** The layers, bottom first (for freezing all but the last N). */
        public int layerCount() {
            return layers.length;
        }

        EncoderLayer layer(int i) {
            return layers[i];
        }

        NDArray apply(NDArray x, NDArray mask) {
            NDArray h = x;
            for (EncoderLayer layer : layers) {
                h = layer.apply(h, mask);
            }
            return h;
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(apply(inputs.head(), inputs.size() > 1 ? inputs.get(1) : null));
        }
    }
}
