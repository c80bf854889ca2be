package dev.diagonal.cli;

import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipTextConfig;
import dev.diagonal.clip.ClipVisionConfig;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.WeightsSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code info}: what a model folder holds, read from its config and safetensors headers only. */
@Command(name = "info", description = "Describe a model folder: architecture, parameter count, dtypes, sizes.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--verbose", description = "list every tensor")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClipConfig config = ClipConfig.read(model);
        WeightsSummary weights = HfWeights.describe(model);
        ClipTextConfig t = config.text();
        ClipVisionConfig v = config.vision();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("model       %s%n", model.toAbsolutePath());
        out.printf("architecture CLIPModel: vision transformer on %dx%d images in %dx%d patches (%d tokens), text transformer over %d tokens%n",
                v.imageSize(), v.imageSize(), v.patchSize(), v.patchSize(), v.numPositions(), t.maxPositionEmbeddings());
        out.printf("vision      %d layers, width %d, %d heads, mlp %d, %s, eps %s, %d channels%n",
                v.numHiddenLayers(), v.hiddenSize(), v.numAttentionHeads(), v.intermediateSize(), v.hiddenAct().hfName(), v.layerNormEps(), v.numChannels());
        out.printf("text        %d layers, width %d, %d heads, mlp %d, %s, eps %s, vocab %d, pooling %s%n",
                t.numHiddenLayers(), t.hiddenSize(), t.numAttentionHeads(), t.intermediateSize(), t.hiddenAct().hfName(), t.layerNormEps(), t.vocabSize(),
                t.legacyPooling() ? "legacy argmax" : "first eos id " + t.eosTokenId());
        out.printf("projection  %d%n", config.projectionDim());
        out.printf("parameters  %,d in %d tensors%n", weights.parameterCount(), weights.tensors().size());
        out.printf("dtypes      %s%n", weights.dtypes());
        long bytes = weights.files().stream().mapToLong(InfoCommand::size).sum();
        out.printf("files       %s (%,d bytes)%n", weights.files().stream().map(p -> p.getFileName().toString()).toList(), bytes);
        if (verbose) {
            weights.tensors().forEach(info -> out.printf("  %-70s %-5s %s%n", info.name(), info.dtype(), java.util.Arrays.toString(info.shape())));
        }
        out.flush();
        return 0;
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
