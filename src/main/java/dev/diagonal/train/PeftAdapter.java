package dev.diagonal.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.io.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LoRA adapters in peft's folder format: {@code adapter_config.json} and {@code adapter_model.safetensors}
 * (names prefixed {@code base_model.model.}), which {@code PeftModel.from_pretrained(CLIPModel, dir)} loads.
 */
public final class PeftAdapter {

    /** peft's weights file. */
    public static final String WEIGHTS = "adapter_model.safetensors";
    /** peft's config file. */
    public static final String CONFIG = "adapter_config.json";
    static final String PREFIX = "base_model.model.";

    private PeftAdapter() {}

    /** Writes {@code adapters} (Diagonal's names) and their config into {@code dir}. */
    static void write(Path dir, List<HostTensor> adapters, LoraSettings settings, String baseModel) {
        List<HostTensor> named = new ArrayList<>();
        for (HostTensor t : adapters) {
            named.add(new HostTensor(PREFIX + t.name(), t.sourceType(), t.shape(), t.data()));
        }
        Safetensors.write(dir.resolve(WEIGHTS), named, Map.of("format", "pt"), TensorDType.F32);
        ObjectNode config = CheckpointStore.JSON.createObjectNode();
        config.put("peft_type", "LORA");
        config.putNull("task_type");
        config.put("base_model_name_or_path", baseModel);
        config.put("r", settings.loraRank());
        config.put("lora_alpha", settings.loraAlpha());
        config.put("lora_dropout", settings.loraDropout());
        settings.targets().forEach(config.putArray("target_modules")::add);
        config.put("bias", "none");
        config.put("fan_in_fan_out", false);
        config.put("inference_mode", true);
        config.put("init_lora_weights", true);
        config.put("use_rslora", false);
        config.put("use_dora", false);
        config.putNull("modules_to_save");
        CheckpointStore.writeJson(dir.resolve(CONFIG), config);
    }

    /**
     * Copies a run's peft adapter ({@code best/}'s) into {@code out}, an absent or empty folder.
     *
     * @throws DiagonalException when {@code runDir} holds no LoRA adapter
     */
    public static void export(Path runDir, Path out) {
        Path best = runDir.resolve("best");
        if (!Files.isRegularFile(best.resolve(WEIGHTS)) || !Files.isRegularFile(best.resolve(CONFIG))) {
            throw new DiagonalException(runDir + " holds no LoRA adapter (best/" + WEIGHTS + "); --format peft needs a lora run");
        }
        try {
            Files.createDirectories(out);
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new DiagonalException(out + " is not empty");
                }
            }
            Files.copy(best.resolve(WEIGHTS), out.resolve(WEIGHTS));
            Files.copy(best.resolve(CONFIG), out.resolve(CONFIG));
        } catch (java.io.IOException e) {
            throw new DiagonalException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
