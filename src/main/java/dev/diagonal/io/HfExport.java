package dev.diagonal.io;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a Hugging Face CLIP model folder that {@code transformers}' {@code CLIPModel.from_pretrained}
 * and {@code CLIPProcessor.from_pretrained} load: {@code config.json} (from {@link ClipConfig#toJson()}),
 * {@code model.safetensors} (HF tensor names, F32 or F16), the tokenizer files and
 * {@code preprocessor_config.json} (copied, or HF's CLIP defaults at the model's image size).
 *
 * <p>Everything is written into a hidden folder next to the target and renamed into place at the end,
 * so the target is never a half-written export; an existing non-empty target is replaced only with
 * {@link Options#force()}.
 */
public final class HfExport {

    /** Tokenizer files copied when present; {@code tokenizer.json} or {@code vocab.json} + {@code merges.txt} are required. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.json", "merges.txt",
            "tokenizer_config.json", "special_tokens_map.json");
    /** The image processor's file. */
    public static final String PREPROCESSOR = "preprocessor_config.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int STAGES = 5;

    /** Hears progress: stage {@code done} of {@code total} finished, {@code stage} names the next one. */
    @FunctionalInterface
    public interface Progress {
        /** Called before each stage and once at the end. */
        void update(String stage, int done, int total);
    }

    /**
     * How to export.
     *
     * @param dtype {@link TensorDType#F32} or {@link TensorDType#F16}
     * @param force replace a non-empty target folder
     * @param progress hears the stages
     */
    public record Options(TensorDType dtype, boolean force, Progress progress) {

        /** Validates the settings. */
        public Options {
            Objects.requireNonNull(progress, "progress");
            if (dtype != TensorDType.F32 && dtype != TensorDType.F16) {
                throw new DiagonalException("export dtype must be f32 or f16, not " + dtype);
            }
        }

        /** F32, no overwriting, no progress. */
        public static Options defaults() {
            return new Options(TensorDType.F32, false, (stage, done, total) -> {});
        }
    }

    /**
     * What was written.
     *
     * @param out the export folder
     * @param tensors number of tensors in {@code model.safetensors}
     * @param parameters number of values in them
     * @param files the file names written, sorted
     * @param preprocessorDefaults whether {@code preprocessor_config.json} was made from defaults
     */
    public record Report(Path out, int tensors, long parameters, List<String> files, boolean preprocessorDefaults) {}

    private HfExport() {}

    /**
     * Exports the model whose {@code config.json} and weights are in {@code weights}, with the tokenizer
     * (and, if {@code weights} has none, the preprocessor config) of {@code assets}.
     *
     * @throws DiagonalException naming the culprit: a missing or mismatched tensor, missing tokenizer
     *     files, a target that is a file, not empty (without force), or holds the source
     */
    public static Report export(Path weights, Path assets, Path out, Options options) {
        Path target = out.toAbsolutePath().normalize();
        options.progress().update("checking " + target, 0, STAGES);
        ExportTarget.check(target, options.force(), weights, assets);
        if (!hasTokenizer(assets)) {
            throw new DiagonalException(assets + " has no tokenizer files (tokenizer.json, or vocab.json and merges.txt)");
        }
        ClipConfig config = ClipConfig.read(weights);
        options.progress().update("reading weights", 1, STAGES);
        List<HostTensor> tensors = checkedTensors(config, HfWeights.load(weights), weights);
        Path preprocessor = Files.isRegularFile(weights.resolve(PREPROCESSOR)) ? weights.resolve(PREPROCESSOR)
                : assets.resolve(PREPROCESSOR);
        return write(config, tensors, assets, preprocessor, target, options);
    }

    /**
     * Writes a model folder from tensors in memory (e.g. freshly initialised ones), with the tokenizer of
     * {@code assets} and the preprocessor config at {@code preprocessor} (HF's CLIP defaults at the model's
     * image size when it is null or does not exist).
     *
     * @throws DiagonalException naming the culprit: a missing or mismatched tensor, missing tokenizer
     *     files, a target that is a file, or not empty (without force)
     */
    public static Report write(ClipConfig config, List<HostTensor> tensors, Path assets, Path preprocessor, Path out,
            Options options) {
        Path target = out.toAbsolutePath().normalize();
        ExportTarget.check(target, options.force(), assets, assets);
        if (!hasTokenizer(assets)) {
            throw new DiagonalException(assets + " has no tokenizer files (tokenizer.json, or vocab.json and merges.txt)");
        }
        Map<String, HostTensor> byName = new java.util.LinkedHashMap<>();
        tensors.forEach(t -> byName.put(t.name(), t));
        tensors = checkedTensors(config, byName, target);
        Path temp = ExportTarget.createTemp(target);
        try {
            options.progress().update("writing model.safetensors", 2, STAGES);
            Safetensors.write(temp.resolve(HfWeights.SINGLE_FILE), tensors, Map.of("format", "pt"), options.dtype());
            options.progress().update("writing config, tokenizer and preprocessor", 3, STAGES);
            ObjectNode json = config.toJson();
            json.put("dtype", options.dtype() == TensorDType.F16 ? "float16" : "float32");
            writeJson(temp.resolve("config.json"), json);
            for (String name : TOKENIZER_FILES) {
                ExportTarget.copyIfPresent(assets.resolve(name), temp.resolve(name));
            }
            boolean defaults = preprocessor == null || !Files.isRegularFile(preprocessor);
            if (defaults) {
                writeJson(temp.resolve(PREPROCESSOR), defaultPreprocessor(config.vision().imageSize()));
            } else {
                ExportTarget.copyIfPresent(preprocessor, temp.resolve(PREPROCESSOR));
            }
            options.progress().update("finishing", 4, STAGES);
            List<String> files = ExportTarget.finish(temp, target);
            options.progress().update("done", STAGES, STAGES);
            long parameters = tensors.stream().mapToLong(t -> t.data().length).sum();
            return new Report(target, tensors.size(), parameters, files, defaults);
        } finally {
            FileTrees.deleteQuietly(temp);
        }
    }

    /** The tensors the config's CLIPModel has, in the model's order, each checked for presence and shape. */
    static List<HostTensor> checkedTensors(ClipConfig config, Map<String, HostTensor> loaded, Path source) {
        List<HostTensor> out = new ArrayList<>();
        for (Map.Entry<String, Shape> expected : new ClipModel(config).expectedShapes().entrySet()) {
            HostTensor tensor = loaded.get(expected.getKey());
            if (tensor == null) {
                throw new DiagonalException(source + " lacks tensor " + expected.getKey());
            }
            if (!new Shape(tensor.shape()).equals(expected.getValue())) {
                throw new DiagonalException("tensor " + expected.getKey() + " in " + source + " has shape "
                        + new Shape(tensor.shape()) + " but config.json implies " + expected.getValue());
            }
            out.add(tensor);
        }
        return out;
    }

    /** Whether a folder holds a CLIP tokenizer transformers can load. */
    public static boolean hasTokenizer(Path dir) {
        return Files.isRegularFile(dir.resolve("tokenizer.json"))
                || (Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt")));
    }

    /** HF's {@code CLIPImageProcessor} defaults (OpenAI CLIP) at {@code size} pixels. */
    static ObjectNode defaultPreprocessor(int size) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("crop_size").put("height", size).put("width", size);
        root.put("do_center_crop", true);
        root.put("do_convert_rgb", true);
        root.put("do_normalize", true);
        root.put("do_rescale", true);
        root.put("do_resize", true);
        root.putArray("image_mean").add(0.48145466).add(0.4578275).add(0.40821073);
        root.put("image_processor_type", "CLIPImageProcessor");
        root.putArray("image_std").add(0.26862954).add(0.26130258).add(0.27577711);
        root.put("resample", 3);
        root.put("rescale_factor", 1.0 / 255);
        root.putObject("size").put("shortest_edge", size);
        return root;
    }

    private static void writeJson(Path file, ObjectNode json) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(json);
            AtomicFiles.write(file, out -> {
                out.write(bytes);
                out.write('\n');
            });
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
