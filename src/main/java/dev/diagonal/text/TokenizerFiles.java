package dev.diagonal.text;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads tokenizer files, turning every failure into a short {@link DiagonalException} naming the file. */
final class TokenizerFiles {

    private TokenizerFiles() {}

    static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Parses {@code text} (the content of {@code file}) and requires a JSON object. */
    static JsonNode parseObject(String text, Path file, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (node == null || !node.isObject()) {
            throw new DiagonalException(file + " is not a JSON object");
        }
        return node;
    }

    static JsonNode readObject(Path file, ObjectMapper json) {
        return parseObject(readString(file), file, json);
    }

    private static DiagonalException failure(Path file, IOException e) {
        String reason;
        if (e instanceof JsonProcessingException parse) {
            JsonLocation where = parse.getLocation();
            reason = "invalid JSON (" + parse.getOriginalMessage()
                    + (where != null && where.getLineNr() > 0 ? ", line " + where.getLineNr() : "") + ")";
        } else if (e instanceof CharacterCodingException) {
            reason = "not UTF-8 text";
        } else if (e.getMessage() == null || e.getMessage().equals(file.toString())) {
            reason = e.getClass().getSimpleName();
        } else {
            reason = e.getMessage();
        }
        return new DiagonalException("cannot read " + file + ": " + reason, e);
    }
}
