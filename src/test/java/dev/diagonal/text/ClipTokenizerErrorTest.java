package dev.diagonal.text;

import static dev.diagonal.text.TokenizerFixtures.CLIP_ASSETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusable tokenizer folders fail with a short DiagonalException naming the culprit. */
class ClipTokenizerErrorTest {

    @Test
    void missingFolderIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ClipTokenizer.load(missing, 77))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void folderWithoutTokenizerFilesNamesFolderAndFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{}");
        assertThatThrownBy(() -> ClipTokenizer.load(dir, 77))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("tokenizer.json")
                .hasMessageContaining("vocab.json")
                .hasMessageContaining("merges.txt");
    }

    @Test
    void truncatedTokenizerJsonIsNamed(@TempDir Path dir) throws IOException {
        byte[] real = Files.readAllBytes(CLIP_ASSETS.resolve("tokenizer.json"));
        Files.write(dir.resolve("tokenizer.json"), Arrays.copyOf(real, real.length / 2));
        assertNamesFile(dir, "tokenizer.json");
    }

    @Test
    void binaryTokenizerJsonIsNamed(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("tokenizer.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80});
        assertNamesFile(dir, "tokenizer.json");
    }

    @Test
    void jsonThatIsNoTokenizerIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"),
                "{\"model\": {\"type\": \"NoSuchModel\", \"vocab\": {\"<|startoftext|>\": 0, \"<|endoftext|>\": 1}}}");
        assertNamesFile(dir, "tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\"}}");
        assertNamesFile(dir, "tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), "[1, 2, 3]");
        assertNamesFile(dir, "tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), "");
        assertNamesFile(dir, "tokenizer.json");
    }

    @Test
    void tokenizerWithoutStartAndEndTokensIsRejected(@TempDir Path dir) throws IOException {
        String json = Files.readString(CLIP_ASSETS.resolve("tokenizer.json"));
        int start = json.indexOf("\"post_processor\"");
        int end = json.indexOf("\"decoder\"");
        Files.writeString(dir.resolve("tokenizer.json"), json.substring(0, start) + "\"post_processor\": null, " + json.substring(end));
        assertThatThrownBy(() -> ClipTokenizer.load(dir, 77))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("start and end tokens");
    }

    @Test
    void badMergesLineIsNamed(@TempDir Path dir) throws IOException {
        Files.copy(CLIP_ASSETS.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\ni n\nthree symbols here\n");
        assertThatThrownBy(() -> ClipTokenizer.load(dir, 77))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(dir.resolve("merges.txt").toString())
                .hasMessageContaining("line 3");
    }

    @Test
    void mergesOutsideTheVocabularyAreNamed(@TempDir Path dir) throws IOException {
        Files.copy(CLIP_ASSETS.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n\u4e00 \u4e01\n");
        assertNamesFile(dir, "vocab.json");
    }

    @Test
    void garbledVocabIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, ");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        assertNamesFile(dir, "vocab.json");
    }

    @Test
    void specialTokenMissingFromVocabularyIsNamed(@TempDir Path dir) throws IOException {
        ClipTokenizerTest.copyVocabAndMerges(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"<pad>\"}");
        assertThatThrownBy(() -> ClipTokenizer.load(dir, 77))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("<pad>")
                .hasMessageContaining("vocab.json");
    }

    @Test
    void garbledConfigIsNamed(@TempDir Path dir) throws IOException {
        ClipTokenizerTest.copyVocabAndMerges(dir);
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": ");
        assertNamesFile(dir, "special_tokens_map.json");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": 5}");
        assertNamesFile(dir, "special_tokens_map.json");
    }

    @Test
    void maxLengthBelowTwoIsRejected() {
        assertThatThrownBy(() -> ClipTokenizer.load(CLIP_ASSETS, 1))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("maxLength");
    }

    @Test
    void closedTokenizerRefusesWork() {
        ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, 77);
        assertThat(tokenizer.encode("a")).hasSize(3);
        tokenizer.close();
        tokenizer.close();
        assertThatThrownBy(() -> tokenizer.encode("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tokenizer.encodeBatch(java.util.List.of())).isInstanceOf(IllegalStateException.class);
    }

    private static void assertNamesFile(Path dir, String file) {
        assertThatThrownBy(() -> ClipTokenizer.load(dir, 77))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(dir.resolve(file).toString());
    }
}
