package dev.diagonal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole CLIP model's configuration, read from an HF {@code config.json}. Fields left out take
 * HF's {@code CLIPConfig} defaults, so the numbers match what {@code transformers} builds.
 *
 * @param projectionDim width of the shared image–text embedding space
 * @param logitScaleInitValue initial value of the learnable log temperature
 */
public record ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim, double logitScaleInitValue) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code config.json} from a model folder (or the file itself). */
    public static ClipConfig read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve("config.json") : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException("no config.json in " + folderOrFile);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DiagonalException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DiagonalException(file + " does not hold a JSON object");
        }
        return fromJson((ObjectNode) root, file.toString());
    }

    /** Builds a config from the JSON tree of a {@code config.json}; {@code source} names it in errors. */
    public static ClipConfig fromJson(ObjectNode root, String source) {
        ConfigFields top = new ConfigFields(root, source, "");
        ConfigFields text = top.section("text_config", "text_config_dict");
        ConfigFields vision = top.section("vision_config", "vision_config_dict");
        ClipTextConfig textConfig = new ClipTextConfig(
                text.integer("vocab_size", 49408),
                text.integer("hidden_size", 512),
                text.integer("intermediate_size", 2048),
                text.integer("num_hidden_layers", 12),
                text.integer("num_attention_heads", 8),
                text.integer("max_position_embeddings", 77),
                text.activation("hidden_act", "quick_gelu"),
                text.number("layer_norm_eps", 1e-5),
                text.integer("bos_token_id", 49406),
                text.firstInteger("eos_token_id", 49407),
                text.integer("pad_token_id", 1));
        ClipVisionConfig visionConfig = new ClipVisionConfig(
                vision.integer("hidden_size", 768),
                vision.integer("intermediate_size", 3072),
                vision.integer("num_hidden_layers", 12),
                vision.integer("num_attention_heads", 12),
                vision.integer("num_channels", 3),
                vision.squareSize("image_size", 224),
                vision.squareSize("patch_size", 32),
                vision.activation("hidden_act", "quick_gelu"),
                vision.number("layer_norm_eps", 1e-5));
        text.requireDivisible("hidden_size", textConfig.hiddenSize(), "num_attention_heads", textConfig.numAttentionHeads());
        vision.requireDivisible("hidden_size", visionConfig.hiddenSize(), "num_attention_heads", visionConfig.numAttentionHeads());
        if (visionConfig.patchSize() > visionConfig.imageSize()) {
            throw new DiagonalException(source + ": vision_config.patch_size (" + visionConfig.patchSize()
                    + ") is larger than vision_config.image_size (" + visionConfig.imageSize() + ")");
        }
        return new ClipConfig(textConfig, visionConfig, top.integer("projection_dim", 512),
                top.number("logit_scale_init_value", 2.6592));
    }

    /** Writes this config as an HF {@code config.json} tree that {@code CLIPModel.from_pretrained} reads. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("CLIPModel");
        root.put("model_type", "clip");
        root.put("projection_dim", projectionDim);
        root.put("logit_scale_init_value", logitScaleInitValue);
        root.put("initializer_factor", 1.0);
        ObjectNode t = root.putObject("text_config");
        t.put("model_type", "clip_text_model");
        t.put("vocab_size", text.vocabSize());
        t.put("hidden_size", text.hiddenSize());
        t.put("intermediate_size", text.intermediateSize());
        t.put("num_hidden_layers", text.numHiddenLayers());
        t.put("num_attention_heads", text.numAttentionHeads());
        t.put("max_position_embeddings", text.maxPositionEmbeddings());
        t.put("hidden_act", text.hiddenAct().hfName());
        t.put("layer_norm_eps", text.layerNormEps());
        t.put("bos_token_id", text.bosTokenId());
        t.put("eos_token_id", text.eosTokenId());
        t.put("pad_token_id", text.padTokenId());
        t.put("projection_dim", projectionDim);
        ObjectNode v = root.putObject("vision_config");
        v.put("model_type", "clip_vision_model");
        v.put("hidden_size", vision.hiddenSize());
        v.put("intermediate_size", vision.intermediateSize());
        v.put("num_hidden_layers", vision.numHiddenLayers());
        v.put("num_attention_heads", vision.numAttentionHeads());
        v.put("num_channels", vision.numChannels());
        v.put("image_size", vision.imageSize());
        v.put("patch_size", vision.patchSize());
        v.put("hidden_act", vision.hiddenAct().hfName());
        v.put("layer_norm_eps", vision.layerNormEps());
        v.put("projection_dim", projectionDim);
        return root;
    }
}
