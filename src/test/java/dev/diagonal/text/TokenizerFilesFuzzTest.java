package dev.diagonal.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Jazzer targets for the tokenizer files Diagonal reads itself (the tokenizer is then built by DJL's native
 * HuggingFace tokenizer, which is not fuzzed here): {@code tokenizer.json}, {@code tokenizer_config.json} /
 * {@code special_tokens_map.json}, and {@code vocab.json} + {@code merges.txt}. Each must either parse or fail with
 * the project's own clear error. Seeds under {@code TokenizerFilesFuzzTestInputs/}; see docs/fuzzing.md.
 */
class TokenizerFilesFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void tokenizerJson(byte[] input) throws Exception {
        FuzzBudget.check(() -> tokenizerJsonOnce(input));
    }

    private static void tokenizerJsonOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        Path file = dir.resolve("tokenizer.json");
        try {
            Files.write(file, input);
            ObjectMapper json = new ObjectMapper();
            String text = TokenizerFiles.readString(file);
            TokenizerFiles.parseObject(text, file, json);
        } catch (DiagonalException expected) {
            requireMessage(expected);
        } finally {
            FileTrees.delete(dir);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void specialTokens(byte[] input) throws Exception {
        FuzzBudget.check(() -> specialTokensOnce(input));
    }

    private static void specialTokensOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Files.write(dir.resolve("tokenizer_config.json"), input);
            ClipSpecialTokens.read(dir, new ObjectMapper());
        } catch (DiagonalException expected) {
            requireMessage(expected);
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** The input up to its first NUL byte is {@code vocab.json}, the rest {@code merges.txt}. */
    @FuzzTest(maxDuration = "10m")
    void vocabMerges(byte[] input) throws Exception {
        FuzzBudget.check(() -> vocabMergesOnce(input));
    }

    private static void vocabMergesOnce(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        int split = 0;
        while (split < input.length && input[split] != 0) {
            split++;
        }
        try {
            Path vocab = Files.write(dir.resolve("vocab.json"), Arrays.copyOfRange(input, 0, split));
            Path merges = Files.write(dir.resolve("merges.txt"),
                    Arrays.copyOfRange(input, Math.min(split + 1, input.length), input.length));
            ObjectMapper json = new ObjectMapper();
            ClipTokenizerJson.fromVocabAndMerges(vocab, merges, ClipSpecialTokens.read(dir, json), json);
        } catch (DiagonalException expected) {
            requireMessage(expected);
        } finally {
            FileTrees.delete(dir);
        }
    }

    private static void requireMessage(DiagonalException expected) {
        // the project's clear error: the message names the file
        if (expected.getMessage() == null || expected.getMessage().isBlank()) {
            throw new AssertionError("DiagonalException without a message", expected);
        }
    }
}
