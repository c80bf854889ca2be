package dev.diagonal.text;

import static dev.diagonal.text.TokenizerFixtures.CLIP_ASSETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer.json built from vocab.json + merges.txt is the one transformers wrote. */
class ClipTokenizerJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void builtDefinitionEqualsTheHuggingFaceOne(@TempDir Path dir) throws IOException {
        ClipTokenizerTest.copyVocabAndMerges(dir);
        ObjectNode built = ClipTokenizerJson.fromVocabAndMerges(
                dir.resolve("vocab.json"), dir.resolve("merges.txt"), ClipSpecialTokens.read(dir, json), json);
        JsonNode reference = json.readTree(CLIP_ASSETS.resolve("tokenizer.json").toFile());

        assertThat(built.get("model").get("merges")).hasSize(48894);
        assertThat(built.get("model").get("vocab")).hasSize(49408);
        // field by field first, for a readable failure; then the whole tree
        reference.fieldNames().forEachRemaining(field -> assertThat(built.get(field)).as(field).isEqualTo(reference.get(field)));
        assertThat(built).isEqualTo(reference);
    }

    @Test
    void looksUpAddedTokensBeforeTheVocabulary() throws IOException {
        JsonNode tree = json.readTree("{\"added_tokens\": [{\"id\": 7, \"content\": \"<x>\"}],"
                + " \"model\": {\"vocab\": {\"<x>\": 3, \"a\": 1}}}");
        assertThat(ClipTokenizerJson.tokenId(tree, "<x>")).isEqualTo(7);
        assertThat(ClipTokenizerJson.tokenId(tree, "a")).isEqualTo(1);
        assertThat(ClipTokenizerJson.tokenId(tree, "b")).isEqualTo(-1);
    }
}
