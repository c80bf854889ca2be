package dev.diagonal.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CLIP text tokenizer: byte-level BPE with the CLIP normalizer, on DJL's binding of the Hugging
 * Face {@code tokenizers} library, so ids equal those of transformers' {@code CLIPTokenizerFast}.
 * Every sequence starts with the start token, ends with the end token and holds at most
 * {@link #maxLength()} ids: longer texts are cut and the end token is kept last.
 *
 * <p>Works offline from a local folder. Methods are synchronized, so one instance may be shared, but
 * it is meant for one thread at a time; {@link #close()} frees the native tokenizer.
 */
public final class ClipTokenizer implements AutoCloseable {

    static final String TOKENIZER_JSON = "tokenizer.json";
    static final String VOCAB_JSON = "vocab.json";
    static final String MERGES_TXT = "merges.txt";

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final int bosTokenId;
    private final int eosTokenId;
    private final int padTokenId;
    private boolean closed;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, int bosTokenId, int eosTokenId, int padTokenId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.bosTokenId = bosTokenId;
        this.eosTokenId = eosTokenId;
        this.padTokenId = padTokenId;
    }

    /**
     * Loads the tokenizer of a model folder: {@code tokenizer.json} when present, otherwise
     * {@code vocab.json} + {@code merges.txt} (turned into the tokenizer transformers would build).
     * Special tokens come from {@code tokenizer_config.json} / {@code special_tokens_map.json} when
     * present, else {@code <|startoftext|>}, {@code <|endoftext|>} and pad = {@code <|endoftext|>}.
     *
     * @param modelDir folder holding the tokenizer files
     * @param maxLength most ids per sequence, start and end tokens included (77 for OpenAI CLIP)
     * @throws DiagonalException when the folder has no usable tokenizer or a file is unreadable
     */
    public static ClipTokenizer load(Path modelDir, int maxLength) {
        if (maxLength < 2) {
            throw new DiagonalException("tokenizer maxLength must be at least 2 (start and end token), got " + maxLength);
        }
        if (!Files.isDirectory(modelDir)) {
            throw new DiagonalException("tokenizer folder not found: " + modelDir);
        }
        ObjectMapper json = new ObjectMapper();
        ClipSpecialTokens specials = ClipSpecialTokens.read(modelDir, json);
        Path tokenizerFile = modelDir.resolve(TOKENIZER_JSON);
        Path vocabFile = modelDir.resolve(VOCAB_JSON);
        Path mergesFile = modelDir.resolve(MERGES_TXT);
        String source;
        String definition;
        JsonNode tree;
        if (Files.isRegularFile(tokenizerFile)) {
            source = tokenizerFile.toString();
            definition = TokenizerFiles.readString(tokenizerFile);
            tree = TokenizerFiles.parseObject(definition, tokenizerFile, json);
            if (!tree.path("model").isObject()) {
                throw new DiagonalException(tokenizerFile + " is not a tokenizer definition (no \"model\" object)");
            }
        } else if (Files.isRegularFile(vocabFile) && Files.isRegularFile(mergesFile)) {
            source = vocabFile + " + " + MERGES_TXT;
            tree = ClipTokenizerJson.fromVocabAndMerges(vocabFile, mergesFile, specials, json);
            definition = tree.toString();
        } else {
            throw new DiagonalException("no tokenizer in " + modelDir + ": looked for " + TOKENIZER_JSON
                    + ", or " + VOCAB_JSON + " + " + MERGES_TXT);
        }
        int bos = requireId(tree, specials.bos().content(), source);
        int eos = requireId(tree, specials.eos().content(), source);
        int pad = requireId(tree, specials.pad().content(), source);
        ClipTokenizer clip = new ClipTokenizer(open(definition, maxLength, source), maxLength, bos, eos, pad);
        clip.checkWrapsText(source);
        return clip;
    }

    /**
     * Ids of {@code text}: start token, text tokens, end token; at most {@link #maxLength()} ids, unpadded.
     * A lone UTF-16 surrogate (not valid Unicode text) is read as U+FFFD, as a UTF-8 encoder would.
     */
    public synchronized long[] encode(String text) {
        return open().encode(wellFormed(text)).getIds();
    }

    /** Ids of several texts, each as {@link #encode(String)}, padded with the pad id to the longest row. */
    public synchronized TokenBatch encodeBatch(List<String> texts) {
        HuggingFaceTokenizer hf = open();
        String[] inputs = texts.stream().map(ClipTokenizer::wellFormed).toArray(String[]::new);
        Encoding[] encodings = inputs.length == 0 ? new Encoding[0] : hf.batchEncode(inputs);
        int width = Arrays.stream(encodings).mapToInt(e -> e.getIds().length).max().orElse(0);
        long[][] ids = new long[encodings.length][width];
        long[][] mask = new long[encodings.length][width];
        for (int row = 0; row < encodings.length; row++) {
            long[] tokens = encodings[row].getIds();
            Arrays.fill(ids[row], padTokenId);
            System.arraycopy(tokens, 0, ids[row], 0, tokens.length);
            Arrays.fill(mask[row], 0, tokens.length, 1L);
        }
        return new TokenBatch(ids, mask);
    }

    /** Id used to fill rows of a batch after their end token. */
    public int padTokenId() {
        return padTokenId;
    }

    /** Id of the start-of-text token, first in every sequence. */
    public int bosTokenId() {
        return bosTokenId;
    }

    /** Id of the end-of-text token, last in every unpadded sequence. */
    public int eosTokenId() {
        return eosTokenId;
    }

    /** Most ids per sequence, start and end tokens included. */
    public int maxLength() {
        return maxLength;
    }

    /** Frees the native tokenizer; later calls to encode fail. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }

    private HuggingFaceTokenizer open() {
        if (closed) {
            throw new IllegalStateException("ClipTokenizer is closed");
        }
        return tokenizer;
    }

    private void checkWrapsText(String source) {
        long[] empty = encode("");
        if (empty.length != 2 || empty[0] != bosTokenId || empty[1] != eosTokenId) {
            close();
            throw new DiagonalException(source + " does not put the start and end tokens around the text (got "
                    + Arrays.toString(empty) + " for an empty text)");
        }
    }

    /** The text with every unpaired surrogate replaced by U+FFFD (the native side needs valid UTF-8). */
    static String wellFormed(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    private static HuggingFaceTokenizer open(String definition, int maxLength, String source) {
        DjlTokenizerRuntime.prepare();
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "withOverflowingTokens", "false",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxLength),
                "modelMaxLength", Integer.toString(maxLength));
        try {
            return HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)), options);
        } catch (IOException | RuntimeException e) {
            throw new DiagonalException("cannot load tokenizer " + source + ": " + e.getMessage(), e);
        }
    }

    private static int requireId(JsonNode tree, String token, String source) {
        int id = ClipTokenizerJson.tokenId(tree, token);
        if (id < 0) {
            throw new DiagonalException(source + " has no token '" + token + "'");
        }
        return id;
    }
}
