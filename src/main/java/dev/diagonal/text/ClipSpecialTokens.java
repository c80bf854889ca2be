package dev.diagonal.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The special tokens of a CLIP tokenizer folder, read like transformers does: defaults of
 * {@code CLIPTokenizer}, overridden by {@code tokenizer_config.json}, overridden in turn by
 * {@code special_tokens_map.json}. A value is either a string or an added-token object with
 * {@code content} (and optionally {@code normalized}); a missing or null value keeps the default.
 */
record ClipSpecialTokens(SpecialToken bos, SpecialToken eos, SpecialToken unk, SpecialToken pad) {

    static final String START_OF_TEXT = "<|startoftext|>";
    static final String END_OF_TEXT = "<|endoftext|>";
    static final List<String> CONFIG_FILES = List.of("tokenizer_config.json", "special_tokens_map.json");

    /** One special token: its text and whether it is matched after normalization. */
    record SpecialToken(String content, boolean normalized) {}

    /** The distinct special tokens, first occurrence first (bos, eos, unk, pad). */
    List<SpecialToken> distinct() {
        Map<String, SpecialToken> byContent = new LinkedHashMap<>();
        for (SpecialToken token : List.of(bos, eos, unk, pad)) {
            byContent.putIfAbsent(token.content(), token);
        }
        return List.copyOf(byContent.values());
    }

    static ClipSpecialTokens read(Path modelDir, ObjectMapper json) {
        Map<String, SpecialToken> tokens = new LinkedHashMap<>();
        tokens.put("bos_token", new SpecialToken(START_OF_TEXT, false));
        tokens.put("eos_token", new SpecialToken(END_OF_TEXT, false));
        tokens.put("unk_token", new SpecialToken(END_OF_TEXT, false));
        tokens.put("pad_token", new SpecialToken(END_OF_TEXT, false));
        for (String name : CONFIG_FILES) {
            Path file = modelDir.resolve(name);
            if (Files.isRegularFile(file)) {
                JsonNode config = TokenizerFiles.readObject(file, json);
                for (String key : List.copyOf(tokens.keySet())) {
                    SpecialToken token = parse(config.get(key), file, key);
                    if (token != null) {
                        tokens.put(key, token);
                    }
                }
            }
        }
        return new ClipSpecialTokens(
                tokens.get("bos_token"), tokens.get("eos_token"), tokens.get("unk_token"), tokens.get("pad_token"));
    }

    private static SpecialToken parse(JsonNode value, Path file, String key) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() && !value.asText().isEmpty()) {
            return new SpecialToken(value.asText(), false);
        }
        JsonNode content = value.get("content");
        if (value.isObject() && content != null && content.isTextual() && !content.asText().isEmpty()) {
            return new SpecialToken(content.asText(), value.path("normalized").asBoolean(false));
        }
        throw new DiagonalException(file + ": " + key + " is neither a token string nor {\"content\": ...}");
    }
}
