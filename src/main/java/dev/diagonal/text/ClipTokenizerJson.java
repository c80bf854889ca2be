package dev.diagonal.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.text.ClipSpecialTokens.SpecialToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the {@code tokenizer.json} that transformers' {@code CLIPTokenizer} would write for a folder
 * holding only {@code vocab.json} and {@code merges.txt}: NFC + whitespace collapse + lowercase, the
 * CLIP split pattern followed by byte-level mapping, BPE with {@code </w>} word ends, start/end tokens
 * added around the text, and every special token registered as an added token.
 */
final class ClipTokenizerJson {

    /** The split pattern of transformers' CLIPTokenizer (it names the two standard tokens, whatever the config says). */
    static final String SPLIT_PATTERN =
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private ClipTokenizerJson() {}

    static ObjectNode fromVocabAndMerges(Path vocabFile, Path mergesFile, ClipSpecialTokens specials, ObjectMapper json) {
        JsonNode vocab = readVocab(vocabFile, json);
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.set("added_tokens", addedTokens(vocab, vocabFile, specials, json));
        root.set("normalizer", normalizer(json));
        root.set("pre_tokenizer", preTokenizer(json));
        root.set("post_processor", postProcessor(vocab, vocabFile, specials, json));
        root.set("decoder", byteLevel(json, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", specials.unk().content());
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        model.set("vocab", vocab);
        model.set("merges", readMerges(mergesFile, json));
        return root;
    }

    /** The id of {@code token} in a tokenizer.json tree (added tokens first, then the model vocabulary), or -1. */
    static int tokenId(JsonNode tokenizerJson, String token) {
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            if (token.equals(added.path("content").asText(null)) && added.path("id").canConvertToInt()) {
                return added.path("id").asInt();
            }
        }
        JsonNode id = tokenizerJson.path("model").path("vocab").get(token);
        return id != null && id.canConvertToInt() ? id.asInt() : -1;
    }

    private static JsonNode readVocab(Path vocabFile, ObjectMapper json) {
        JsonNode vocab = TokenizerFiles.readObject(vocabFile, json);
        if (vocab.isEmpty()) {
            throw new DiagonalException(vocabFile + " is not a JSON object of token ids");
        }
        vocab.fields().forEachRemaining(entry -> {
            if (!entry.getValue().canConvertToInt()) {
                throw new DiagonalException(vocabFile + ": id of '" + entry.getKey() + "' is not an integer");
            }
        });
        return vocab;
    }

    private static ArrayNode readMerges(Path mergesFile, ObjectMapper json) {
        List<String> lines = TokenizerFiles.readLines(mergesFile);
        ArrayNode merges = json.createArrayNode();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ");
            if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
                throw new DiagonalException(mergesFile + " line " + (i + 1) + " is not two symbols separated by a space");
            }
            merges.addArray().add(pair[0]).add(pair[1]);
        }
        return merges;
    }

    private static ArrayNode addedTokens(JsonNode vocab, Path vocabFile, ClipSpecialTokens specials, ObjectMapper json) {
        List<ObjectNode> tokens = new ArrayList<>();
        for (SpecialToken special : specials.distinct()) {
            ObjectNode token = json.createObjectNode();
            token.put("id", idInVocab(vocab, vocabFile, special.content()));
            token.put("content", special.content());
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", special.normalized());
            token.put("special", true);
            tokens.add(token);
        }
        tokens.sort(Comparator.comparingInt(token -> token.get("id").asInt()));
        return json.createArrayNode().addAll(tokens);
    }

    private static ObjectNode normalizer(ObjectMapper json) {
        ObjectNode sequence = json.createObjectNode().put("type", "Sequence");
        ArrayNode steps = sequence.putArray("normalizers");
        steps.addObject().put("type", "NFC");
        ObjectNode replace = steps.addObject().put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        steps.addObject().put("type", "Lowercase");
        return sequence;
    }

    private static ObjectNode preTokenizer(ObjectMapper json) {
        ObjectNode sequence = json.createObjectNode().put("type", "Sequence");
        ArrayNode steps = sequence.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_PATTERN);
        split.put("behavior", "Removed");
        split.put("invert", true);
        steps.add(byteLevel(json, false));
        return sequence;
    }

    private static ObjectNode postProcessor(JsonNode vocab, Path vocabFile, ClipSpecialTokens specials, ObjectMapper json) {
        ObjectNode roberta = json.createObjectNode().put("type", "RobertaProcessing");
        String eos = specials.eos().content();
        String bos = specials.bos().content();
        roberta.putArray("sep").add(eos).add(idInVocab(vocab, vocabFile, eos));
        roberta.putArray("cls").add(bos).add(idInVocab(vocab, vocabFile, bos));
        roberta.put("trim_offsets", false);
        roberta.put("add_prefix_space", false);
        return roberta;
    }

    private static ObjectNode byteLevel(ObjectMapper json, boolean addPrefixSpace) {
        return json.createObjectNode()
                .put("type", "ByteLevel")
                .put("add_prefix_space", addPrefixSpace)
                .put("trim_offsets", true)
                .put("use_regex", true);
    }

    private static int idInVocab(JsonNode vocab, Path vocabFile, String token) {
        JsonNode id = vocab.get(token);
        if (id == null) {
            throw new DiagonalException(vocabFile + " has no special token '" + token + "'");
        }
        return id.asInt();
    }
}
