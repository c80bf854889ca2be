package dev.diagonal.cli;

import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.Throughput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bench}: steady-state image and text embedding throughput of a model folder. */
@Command(name = "bench", description = "Measure steady-state embedding throughput (images/s, texts/s).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--seconds", defaultValue = "10", description = "timed seconds per measurement (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed passes first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--what", defaultValue = "both", description = "images, texts or both (default: ${DEFAULT-VALUE})")
    String what;

    @Option(names = "--out", description = "also write the rates as JSON here")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> result = new LinkedHashMap<>();
        PrintWriter console = spec.commandLine().getOut();
        try (Embedder embedder = Embedder.open(model, common.device())) {
            Throughput throughput = new Throughput(embedder);
            result.put("device", common.device().toString());
            result.put("batch_size", common.batchSize());
            if (!what.equals("texts")) {
                Throughput.Rate rate = throughput.images(common.batchSize(), warmup, seconds);
                result.put("images_per_second", rate.itemsPerSecond());
                result.put("image_cpu_seconds_per_item", rate.cpuSecondsPerItem());
                console.printf("images/s %.2f (%d passes of %d; %.4f CPU s per image)%n", rate.itemsPerSecond(), rate.passes(), rate.batchSize(), rate.cpuSecondsPerItem());
            }
            if (!what.equals("images")) {
                Throughput.Rate rate = throughput.texts(common.batchSize(), warmup, seconds);
                result.put("texts_per_second", rate.itemsPerSecond());
                result.put("text_cpu_seconds_per_item", rate.cpuSecondsPerItem());
                console.printf("texts/s  %.2f (%d passes of %d; %.4f CPU s per text)%n", rate.itemsPerSecond(), rate.passes(), rate.batchSize(), rate.cpuSecondsPerItem());
            }
        }
        console.flush();
        if (out != null) {
            JsonOutput.write(out, result);
        }
        return 0;
    }
}
