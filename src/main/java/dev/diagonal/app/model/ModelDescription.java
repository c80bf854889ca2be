package dev.diagonal.app.model;

import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipTextConfig;
import dev.diagonal.clip.ClipVisionConfig;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a model folder holds, read from {@code config.json} and the safetensors headers only (fast; no
 * weights are loaded).
 *
 * @param folder       the model folder
 * @param architecture e.g. {@code CLIP ViT-B/32, 224 px}
 * @param vision       the image tower in one line
 * @param text         the text tower in one line
 * @param projection   the shared embedding width
 * @param parameters   the number of values over all tensors
 * @param dtypes       the stored element types, e.g. {@code F16}
 * @param bytes        the size of the weight files
 * @param files        how many weight files there are
 * @param tokenizer    which tokenizer files are there
 * @param preprocessor whether {@code preprocessor_config.json} is there, or that CLIP defaults apply
 */
public record ModelDescription(Path folder, String architecture, String vision, String text, int projection,
        long parameters, String dtypes, long bytes, int files, String tokenizer, String preprocessor) {

    /** Reads a model folder. */
    public static ModelDescription read(Path folder) {
        ClipConfig config = ClipConfig.read(folder);
        var weights = HfWeights.describe(folder);
        ClipVisionConfig v = config.vision();
        ClipTextConfig t = config.text();
        String architecture = String.format(Locale.ROOT, "CLIP ViT-%s/%d, %d px images",
                sizeName(v.hiddenSize()), v.patchSize(), v.imageSize());
        String vision = String.format(Locale.ROOT, "%d layers, width %d, %d heads, MLP %d, %s",
                v.numHiddenLayers(), v.hiddenSize(), v.numAttentionHeads(), v.intermediateSize(), v.hiddenAct().hfName());
        String text = String.format(Locale.ROOT, "%d layers, width %d, %d heads, vocabulary %,d, %d tokens",
                t.numHiddenLayers(), t.hiddenSize(), t.numAttentionHeads(), t.vocabSize(), t.maxPositionEmbeddings());
        long bytes = weights.files().stream().mapToLong(ModelDescription::size).sum();
        String dtypes = weights.dtypes().stream().map(TensorDType::name).sorted().collect(Collectors.joining(", "));
        return new ModelDescription(folder, architecture, vision, text, config.projectionDim(),
                weights.parameterCount(), dtypes, bytes, weights.files().size(), tokenizerFiles(folder),
                Files.isRegularFile(folder.resolve("preprocessor_config.json")) ? "preprocessor_config.json"
                        : "no preprocessor_config.json: CLIP defaults at " + v.imageSize() + " px");
    }

    /** Which tokenizer files a folder has; the tokenizer needs tokenizer.json or vocab.json with merges.txt. */
    static String tokenizerFiles(Path folder) {
        if (Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            return "tokenizer.json";
        }
        if (Files.isRegularFile(folder.resolve("vocab.json")) && Files.isRegularFile(folder.resolve("merges.txt"))) {
            return "vocab.json + merges.txt";
        }
        return "missing: the folder needs tokenizer.json, or vocab.json and merges.txt";
    }

    /** OpenAI's names for the ViT widths (B = 768, L = 1024, H = 1280); otherwise the width itself. */
    static String sizeName(int width) {
        return switch (width) {
            case 384 -> "S";
            case 768 -> "B";
            case 1024 -> "L";
            case 1280 -> "H";
            case 1408 -> "g";
            default -> "w" + width;
        };
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
