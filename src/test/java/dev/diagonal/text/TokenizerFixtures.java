package dev.diagonal.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the fixtures written by tools/reference/make_tokenizer_fixtures.py. */
final class TokenizerFixtures {

    /** The canonical CLIP tokenizer folder, relative to the project root (Maven's working folder). */
    static final Path CLIP_ASSETS = Path.of("assets/tokenizer/clip");

    /** One text with the ids HF produced for it at a given max length. */
    record Case(String text, long[] ids) {}

    private TokenizerFixtures() {}

    static JsonNode read(String name) {
        try (InputStream in = TokenizerFixtures.class.getResourceAsStream("/fixtures/text/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> cases(String name, int maxLength) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode item : read(name).get("cases")) {
            cases.add(new Case(item.get("text").asText(), longs(item.get("ids").get(Integer.toString(maxLength)))));
        }
        return cases;
    }

    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    static long[][] matrix(JsonNode rows) {
        long[][] values = new long[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = longs(rows.get(i));
        }
        return values;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }
}
