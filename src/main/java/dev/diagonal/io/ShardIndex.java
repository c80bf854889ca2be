package dev.diagonal.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a Hugging Face shard index ({@code model.safetensors.index.json}): tensor name → shard file. */
final class ShardIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardIndex() {}

    /**
     * Returns the {@code weight_map}, in its order, with each shard resolved inside {@code modelDir} and
     * checked to exist.
     */
    static Map<String, Path> read(Path modelDir, Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (JsonProcessingException e) {
            throw new DiagonalException(index + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + index + ": " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new DiagonalException(index + " has no weight_map");
        }
        Path folder = modelDir.toAbsolutePath().normalize();
        Map<String, Path> shards = new LinkedHashMap<>();
        Map<String, Path> byTensor = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new DiagonalException(index + ": weight_map entry " + field.getKey() + " is not a file name");
            }
            Path shard = shards.computeIfAbsent(field.getValue().textValue(), name -> resolveShard(folder, index, name));
            byTensor.put(field.getKey(), shard);
        }
        return byTensor;
    }

    private static Path resolveShard(Path folder, Path index, String name) {
        Path shard = folder.resolve(name).normalize();
        if (!shard.startsWith(folder) || shard.equals(folder)) {
            throw new DiagonalException(index + ": shard " + name + " lies outside " + folder);
        }
        if (!Files.isRegularFile(shard)) {
            throw new DiagonalException("shard " + name + " listed in " + index + " is missing");
        }
        return shard;
    }
}
