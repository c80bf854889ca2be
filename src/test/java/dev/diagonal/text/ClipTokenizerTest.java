package dev.diagonal.text;

import static dev.diagonal.text.TokenizerFixtures.CLIP_ASSETS;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.diagonal.text.TokenizerFixtures.Case;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Id-for-id parity with transformers' CLIPTokenizerFast, on the committed assets and on the vocab+merges fallback. */
class ClipTokenizerTest {

    private static final String CURATED = "clip_curated.json";
    private static final String HELDOUT = "clip_heldout.json";

    @Test
    void encodesTheReferenceCaption() {
        try (ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, 77)) {
            assertThat(tokenizer.encode("a photo of a cat.")).containsExactly(49406, 320, 1125, 539, 320, 2368, 269, 49407);
            assertThat(tokenizer.bosTokenId()).isEqualTo(49406);
            assertThat(tokenizer.eosTokenId()).isEqualTo(49407);
            assertThat(tokenizer.padTokenId()).isEqualTo(49407);
            assertThat(tokenizer.maxLength()).isEqualTo(77);
        }
    }

    @Test
    void keepsDjlFromReachingTheNetwork() {
        ClipTokenizer.load(CLIP_ASSETS, 77).close();
        // CPU native library from the jar (no CUDA build download) and no telemetry call
        assertThat(Utils.getEnvOrSystemProperty("RUST_FLAVOR")).isNotBlank();
        assertThat(Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} at max length {1}")
    @CsvSource({CURATED + ",77", CURATED + ",16", HELDOUT + ",77", HELDOUT + ",16"})
    void matchesHuggingFaceOnCorpus(String corpus, int maxLength) {
        List<Case> cases = TokenizerFixtures.cases(corpus, maxLength);
        try (ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, maxLength)) {
            assertThat(mismatches(tokenizer, cases)).isEmpty();
        }
        // the corpus must exercise truncation, or the max length is not being tested
        assertThat(cases.stream().filter(c -> c.ids().length == maxLength).count()).isGreaterThan(5);
    }

    @ParameterizedTest(name = "{0} at max length {1}")
    @CsvSource({CURATED + ",77", CURATED + ",16", HELDOUT + ",77", HELDOUT + ",16"})
    void fallbackFromVocabAndMergesMatchesHuggingFace(String corpus, int maxLength, @TempDir Path dir) throws IOException {
        copyVocabAndMerges(dir);
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir, maxLength)) {
            assertThat(mismatches(tokenizer, TokenizerFixtures.cases(corpus, maxLength))).isEmpty();
            assertThat(tokenizer.padTokenId()).isEqualTo(49407);
        }
    }

    @Test
    void fallbackHonoursTokenizerConfigLikeHuggingFace(@TempDir Path dir) throws IOException {
        JsonNode variant = TokenizerFixtures.read("clip_config_variant.json");
        copyVocabAndMerges(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), variant.get("tokenizer_config").toString());
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir, 77)) {
            assertThat(tokenizer.padTokenId()).isEqualTo(variant.get("pad_token_id").asInt()).isZero();
            assertThat(mismatches(tokenizer, TokenizerFixtures.cases("clip_config_variant.json", 77))).isEmpty();
            JsonNode batch = variant.get("batch");
            TokenBatch encoded = tokenizer.encodeBatch(TokenizerFixtures.texts(batch.get("texts")));
            assertThat(encoded.inputIds()).isDeepEqualTo(TokenizerFixtures.matrix(batch.get("input_ids")));
            assertThat(encoded.attentionMask()).isDeepEqualTo(TokenizerFixtures.matrix(batch.get("attention_mask")));
        }
    }

    @Test
    void truncationKeepsTheEndTokenAndTheTextPrefix() {
        String longText = "a very long caption about a cat ".repeat(40);
        try (ClipTokenizer wide = ClipTokenizer.load(CLIP_ASSETS, 77);
                ClipTokenizer narrow = ClipTokenizer.load(CLIP_ASSETS, 16);
                ClipTokenizer minimal = ClipTokenizer.load(CLIP_ASSETS, 2)) {
            long[] full = wide.encode(longText);
            long[] cut = narrow.encode(longText);
            assertThat(full).hasSize(77).startsWith(49406).endsWith(49407);
            assertThat(cut).hasSize(16).endsWith(49407);
            assertThat(Arrays.copyOf(cut, 15)).isEqualTo(Arrays.copyOf(full, 15));
            assertThat(minimal.encode(longText)).containsExactly(49406, 49407);
            assertThat(narrow.encode("a cat")).containsExactly(49406, 320, 2368, 49407);
        }
    }

    @ParameterizedTest(name = "max length {0}")
    @CsvSource({"77", "16"})
    void batchIsPaddedLikeHuggingFace(int maxLength) {
        JsonNode fixture = TokenizerFixtures.read("clip_batch.json");
        JsonNode expected = fixture.get("batches").get(Integer.toString(maxLength));
        try (ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, maxLength)) {
            TokenBatch batch = tokenizer.encodeBatch(TokenizerFixtures.texts(fixture.get("texts")));
            assertThat(batch.inputIds()).isDeepEqualTo(TokenizerFixtures.matrix(expected.get("input_ids")));
            assertThat(batch.attentionMask()).isDeepEqualTo(TokenizerFixtures.matrix(expected.get("attention_mask")));
        }
    }

    @Test
    void batchPadsWithPadIdAndMasksPadding() {
        try (ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, 77)) {
            TokenBatch batch = tokenizer.encodeBatch(List.of("a photo of a cat.", "", "a dog"));
            assertThat(batch.size()).isEqualTo(3);
            assertThat(batch.sequenceLength()).isEqualTo(8);
            assertThat(batch.inputIds()[1]).containsExactly(49406, 49407, 49407, 49407, 49407, 49407, 49407, 49407);
            assertThat(batch.attentionMask()[1]).containsExactly(1, 1, 0, 0, 0, 0, 0, 0);
            assertThat(batch.inputIds()[2]).containsExactly(49406, 320, 1929, 49407, 49407, 49407, 49407, 49407);
            assertThat(batch.attentionMask()[2]).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
            assertThat(batch.attentionMask()[0]).containsOnly(1);
            for (int row = 0; row < 3; row++) {
                long[] unpadded = tokenizer.encode(List.of("a photo of a cat.", "", "a dog").get(row));
                assertThat(Arrays.copyOf(batch.inputIds()[row], unpadded.length)).isEqualTo(unpadded);
            }
            TokenBatch empty = tokenizer.encodeBatch(List.of());
            assertThat(empty.size()).isZero();
            assertThat(empty.sequenceLength()).isZero();
        }
    }

    @Test
    void specialTokensMapOverridesTokenizerConfig(@TempDir Path dir) throws IOException {
        copyVocabAndMerges(dir);
        Files.copy(CLIP_ASSETS.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"<|endoftext|>\", \"bos_token\": null}");
        Files.writeString(dir.resolve("special_tokens_map.json"),
                "{\"pad_token\": {\"content\": \"!\", \"normalized\": false}}");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir, 77)) {
            assertThat(tokenizer.padTokenId()).isZero();
            assertThat(tokenizer.bosTokenId()).isEqualTo(49406);
            assertThat(tokenizer.encodeBatch(List.of("a", "a b")).inputIds()[0]).containsExactly(49406, 320, 49407, 0);
        }
    }

    @Test
    void loneSurrogatesReadAsReplacementCharacter() {
        assertThat(ClipTokenizer.wellFormed("a\uD83D\uDE00b")).isEqualTo("a\uD83D\uDE00b");
        assertThat(ClipTokenizer.wellFormed("\uDE00a\uD83D\uDE00\uD83D")).isEqualTo("\uFFFDa\uD83D\uDE00\uFFFD");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, 77)) {
            // HF: 'a \ufffd b' -> [49406, 320, 39802, 321, 49407]
            assertThat(tokenizer.encode("a \uD83D b")).containsExactly(49406, 320, 39802, 321, 49407);
            assertThat(tokenizer.encodeBatch(List.of("a \uDE00 b")).inputIds()[0]).containsExactly(49406, 320, 39802, 321, 49407);
        }
    }

    @Test
    void concurrentCallersGetTheSameIds() throws Exception {
        List<Case> cases = TokenizerFixtures.cases(CURATED, 77);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ClipTokenizer tokenizer = ClipTokenizer.load(CLIP_ASSETS, 77)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> mismatches(tokenizer, cases)));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void copyVocabAndMerges(Path dir) throws IOException {
        for (String name : List.of("vocab.json", "merges.txt")) {
            Files.copy(CLIP_ASSETS.resolve(name), dir.resolve(name));
        }
        assertThat(dir.resolve("tokenizer.json")).doesNotExist();
    }

    private static List<String> mismatches(ClipTokenizer tokenizer, List<Case> cases) {
        assertThat(cases).isNotEmpty();
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            long[] actual = tokenizer.encode(c.text());
            if (!Arrays.equals(actual, c.ids())) {
                mismatches.add(escape(c.text()) + ": expected " + Arrays.toString(c.ids()) + " got " + Arrays.toString(actual));
            }
        }
        return mismatches;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().forEach(cp -> out.append(cp < 0x20 || cp > 0x7e ? String.format("\\u{%x}", cp) : Character.toString(cp)));
        return out.append("'").toString();
    }
}
