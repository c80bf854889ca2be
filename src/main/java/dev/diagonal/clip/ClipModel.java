package dev.diagonal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Embedding;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipLayers.Encoder;
import dev.diagonal.clip.ClipLayers.LayerNorm;
import dev.diagonal.clip.ClipLayers.Linear;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CLIP as in HF's {@code CLIPModel}: a text transformer and a vision transformer, each followed by a
 * linear projection into one embedding space, and a learnable temperature. Read top to bottom: the
 * text tower, the vision tower, then the model that joins them. Parameter names are HF's, so a
 * checkpoint maps by name ({@link StateDict}).
 */
public final class ClipModel extends HfBlock {

    /** Added to attention scores that must not be attended to. */
    private static final float MASKED = -1e9f;

    /** {@code CLIPTextTransformer}: token + position embeddings, a causal encoder, a final norm. */
    public static final class TextTransformer extends HfBlock {
        private final ClipTextConfig config;
        private final Parameter tokenEmbedding;
        private final Parameter positionEmbedding;
        private final Encoder encoder;
        private final LayerNorm finalLayerNorm;

        TextTransformer(ClipTextConfig c) {
            config = c;
            tokenEmbedding = param("embeddings.token_embedding.weight", c.vocabSize(), c.hiddenSize());
            positionEmbedding = param("embeddings.position_embedding.weight", c.maxPositionEmbeddings(), c.hiddenSize());
            encoder = child("encoder", new Encoder(c.numHiddenLayers(), c.hiddenSize(), c.intermediateSize(),
                    c.numAttentionHeads(), c.hiddenAct(), c.layerNormEps()));
            finalLayerNorm = child("final_layer_norm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        }

        /** The encoder. */
        public Encoder encoder() {
            return encoder;
        }

        /** The pooled output: the final-norm hidden state at each sequence's end token. */
        NDArray pooled(NDArray inputIds, NDArray attentionMask) {
            long batch = inputIds.getShape().get(0);
            long length = inputIds.getShape().get(1);
            if (length > config.maxPositionEmbeddings()) {
                throw new DiagonalException("input_ids has " + length + " positions; the model takes at most "
                        + config.maxPositionEmbeddings());
            }
            // torch.embedding, not advanced indexing: indexing's backward adds repeated tokens' gradients in
            // thread order (last bits differ run to run); the embedding backward adds them in index order
            NDArray x = Embedding.embedding(inputIds, tokenEmbedding.getArray(), SparseFormat.DENSE).head() // [B, L, D]
                    .add(positionEmbedding.getArray().get(new NDIndex("0:{}", length)));
            NDArray hidden = finalLayerNorm.apply(encoder.apply(x, mask(inputIds, attentionMask)));
            NDArray endPositions = config.legacyPooling()
                    ? inputIds.toType(DataType.INT32, false).argMax(1)
                    : inputIds.eq(config.eosTokenId()).toType(DataType.INT32, false).argMax(1);
            NDManager manager = inputIds.getManager();
            NDArray rows = manager.arange(0L, batch * length, length, DataType.INT64).add(endPositions.toType(DataType.INT64, false));
            return hidden.reshape(batch * length, config.hiddenSize()).get(rows);
        }

        /** The causal mask joined with the padding mask, as additive scores of shape (B, 1, T, T). */
        private static NDArray mask(NDArray inputIds, NDArray attentionMask) {
            long batch = inputIds.getShape().get(0);
            long length = inputIds.getShape().get(1);
            NDArray positions = inputIds.getManager().arange((int) length);
            NDArray future = positions.reshape(1, length).gt(positions.reshape(length, 1));
            NDArray mask = future.toType(DataType.FLOAT32, false).mul(MASKED).reshape(1, 1, length, length);
            if (attentionMask != null) {
                NDArray padding = attentionMask.eq(0).toType(DataType.FLOAT32, false).mul(MASKED);
                mask = mask.add(padding.reshape(batch, 1, 1, length));
            }
            return mask;
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(pooled(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
        }
    }

    /** {@code CLIPVisionTransformer}: patch + class + position embeddings, pre-norm, encoder, post-norm. */
    public static final class VisionTransformer extends HfBlock {
        private final ClipVisionConfig config;
        private final Parameter classEmbedding;
        private final Parameter patchEmbedding;
        private final Parameter positionEmbedding;
        private final LayerNorm preLayrnorm;
        private final Encoder encoder;
        private final LayerNorm postLayernorm;

        VisionTransformer(ClipVisionConfig c) {
            config = c;
            classEmbedding = param("embeddings.class_embedding", c.hiddenSize());
            patchEmbedding = param("embeddings.patch_embedding.weight", c.hiddenSize(), c.numChannels(), c.patchSize(), c.patchSize());
            positionEmbedding = param("embeddings.position_embedding.weight", c.numPositions(), c.hiddenSize());
            preLayrnorm = child("pre_layrnorm", new LayerNorm(c.hiddenSize(), c.layerNormEps())); // sic: HF's name
            encoder = child("encoder", new Encoder(c.numHiddenLayers(), c.hiddenSize(), c.intermediateSize(),
                    c.numAttentionHeads(), c.hiddenAct(), c.layerNormEps()));
            postLayernorm = child("post_layernorm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        }

        /** The encoder. */
        public Encoder encoder() {
            return encoder;
        }

        /** The pooled output: the post-norm class token. */
        NDArray pooled(NDArray pixelValues) {
            Shape expected = new Shape(config.numChannels(), config.imageSize(), config.imageSize());
            Shape shape = pixelValues.getShape();
            if (shape.dimension() != 4 || !shape.slice(1).equals(expected)) {
                throw new DiagonalException("pixel_values has shape " + shape + "; the model takes (N, " + expected.toString().substring(1));
            }
            long batch = shape.get(0);
            NDArray patches = Conv2d.conv2d(pixelValues, patchEmbedding.getArray(), null,
                    new Shape(config.patchSize(), config.patchSize())).head();
            patches = patches.reshape(batch, config.hiddenSize(), -1).transpose(0, 2, 1);
            NDArray cls = classEmbedding.getArray().reshape(1, 1, config.hiddenSize()).broadcast(batch, 1, config.hiddenSize());
            NDArray x = NDArrays.concat(new NDList(cls, patches), 1).add(positionEmbedding.getArray());
            NDArray hidden = encoder.apply(preLayrnorm.apply(x), null);
            return postLayernorm.apply(hidden.get(new NDIndex(":, 0, :")));
        }

        @Override
        protected NDList forward(NDList inputs) {
            return new NDList(pooled(inputs.head()));
        }
    }

    private final ClipConfig config;
    private final TextTransformer textModel;
    private final VisionTransformer visionModel;
    private final Linear visualProjection;
    private final Linear textProjection;
    private final Parameter logitScale;

    /** Builds the blocks for {@code config}; the arrays come from a checkpoint ({@link StateDict#load}). */
    public ClipModel(ClipConfig config) {
        this.config = config;
        textModel = child("text_model", new TextTransformer(config.text()));
        visionModel = child("vision_model", new VisionTransformer(config.vision()));
        visualProjection = child("visual_projection", new Linear(config.vision().hiddenSize(), config.projectionDim(), false));
        textProjection = child("text_projection", new Linear(config.text().hiddenSize(), config.projectionDim(), false));
        logitScale = param("logit_scale");
    }

    public ClipConfig config() {
        return config;
    }

    public TextTransformer textModel() {
        return textModel;
    }

    public VisionTransformer visionModel() {
        return visionModel;
    }

    /** HF's {@code get_image_features}: projected, not normalised. {@code pixelValues}: (N, C, H, W). */
    public NDArray imageFeatures(NDArray pixelValues) {
        return visualProjection.apply(visionModel.pooled(pixelValues));
    }

    /** HF's {@code get_text_features}: projected, not normalised. The mask may be null (no padding). */
    public NDArray textFeatures(NDArray inputIds, NDArray attentionMask) {
        return textProjection.apply(textModel.pooled(inputIds, attentionMask));
    }

    /** The learnable log temperature ({@code logit_scale}, a scalar). */
    public NDArray logitScale() {
        return logitScale.getArray();
    }

    /** HF's {@code logits_per_image}: {@code exp(logit_scale)} times cosine similarities, (images × texts). */
    public NDArray logitsPerImage(NDArray imageFeatures, NDArray textFeatures) {
        NDArray images = normalize(imageFeatures);
        NDArray texts = normalize(textFeatures);
        return images.matMul(texts.transpose()).mul(logitScale.getArray().exp());
    }

    /** Rows scaled to unit L2 norm. */
    public static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true));
    }

    /** Every parameter by its HF state-dict name, in declaration order. */
    public Map<String, Parameter> stateDict() {
        Map<String, Parameter> params = new LinkedHashMap<>();
        collect("", params, new LinkedHashMap<>());
        return params;
    }

    /** The shape a checkpoint must give each parameter, by HF name. */
    public Map<String, Shape> expectedShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        collect("", new LinkedHashMap<>(), shapes);
        return shapes;
    }

    @Override
    protected NDList forward(NDList inputs) {
        NDArray image = imageFeatures(inputs.get(0));
        NDArray text = textFeatures(inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null);
        return new NDList(logitsPerImage(image, text));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[1].get(0))};
    }
}
