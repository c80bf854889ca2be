package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.eval.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embed}: image and text features as HF's get_image_features / get_text_features. */
@Command(name = "embed", description = "Embed images and texts (projected features, not normalised) to JSON.")
final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--image", description = "an image file (repeatable)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--text", description = "a text (repeatable)")
    List<String> texts = new ArrayList<>();

    @Option(names = "--out", required = true, description = "output JSON file")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (images.isEmpty() && texts.isEmpty()) {
            throw new DiagonalException("nothing to embed: give at least one --image or --text");
        }
        try (Embedder embedder = Embedder.open(model, common.device());
                Progress progress = new Progress("Embedding", images.size(), "img")) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image_embeds", embedder.embedImages(images, common.batchSize(), progress::stepTo));
            result.put("text_embeds", embedder.embedTexts(texts, common.batchSize()));
            result.put("logit_scale", embedder.model().logitScale().getFloat());
            JsonOutput.write(out, result);
        }
        return 0;
    }
}
