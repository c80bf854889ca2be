package dev.diagonal.cli;

import dev.diagonal.clip.ClipConfig;
import dev.diagonal.text.ClipTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokenize}: unpadded ids with start and end tokens, truncated to the model's maximum. */
@Command(name = "tokenize", description = "Tokenize texts with the model's CLIP tokenizer to JSON.")
final class TokenizeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--text", required = true, description = "a text (repeatable)")
    List<String> texts = new ArrayList<>();

    @Option(names = "--out", required = true, description = "output JSON file")
    Path out;

    @Option(names = "--verbose", description = "print stack traces")
    boolean verbose;

    @Override
    public Integer call() {
        int maxLength = ClipConfig.read(model).text().maxPositionEmbeddings();
        List<long[]> ids = new ArrayList<>();
        try (ClipTokenizer tokenizer = ClipTokenizer.load(model, maxLength)) {
            for (String text : texts) {
                ids.add(tokenizer.encode(text));
            }
        }
        JsonOutput.write(out, Map.of("input_ids", ids));
        return 0;
    }
}
