package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.Evaluation;
import dev.diagonal.eval.ZeroShot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeroshot}: classify a labelled image set by prompt ensembles of its class names. */
@Command(name = "zeroshot", description = "Zero-shot classification of an ImageFolder (or labelled manifest) to JSON.")
final class ZeroShotCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--data", required = true, description = "ImageFolder (one subfolder per class) or a labelled CSV/TSV/JSONL manifest")
    Path data;

    @Option(names = "--templates", description = "prompt templates, one per line with {} for the class name (default: a built-in set)")
    Path templates;

    @Option(names = "--out", required = true, description = "output JSON file")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CaptionTemplates prompts = templates == null ? CaptionTemplates.defaults() : CaptionTemplates.load(templates);
        Dataset dataset = DatasetLoader.requireUsable(DatasetLoader.load(data));
        if (!dataset.hasLabels()) {
            throw new DiagonalException(data + " has no labels: zero-shot needs a class per image (folders or a label column)");
        }
        if (dataset.report().skippedRows() > 0) {
            spec.commandLine().getErr().println(dataset.report().summary());
        }
        List<String> labels = dataset.classes();
        List<String> classNames = labels.stream().map(CaptionTemplates::className).toList();
        List<Sample> samples = dataset.samples();
        int[] truth = dataset.labelIndices();
        List<Path> images = samples.stream().map(Sample::image).toList();
        List<String> names = images.stream().map(p -> Evaluation.relativeName(data, p)).toList();
        ZeroShot.Result result;
        try (Embedder embedder = Embedder.open(model, common.device());
                Progress progress = new Progress("Zero-shot", images.size(), "img")) {
            result = ZeroShot.evaluate(embedder, images, names, truth, classNames, prompts.templates(),
                    common.batchSize(), progress::stepTo, warning -> spec.commandLine().getErr().println("warning: " + warning));
        }
        JsonOutput.write(out, result);
        spec.commandLine().getOut().printf("top-1 %.4f  top-5 %.4f  (%d images, %d classes)%n",
                result.top1(), result.top5(), result.predictions().size(), classNames.size());
        if (result.skipped().count() > 0) {
            spec.commandLine().getErr().println("warning: " + result.skipped().count() + " unreadable images skipped");
        }
        return 0;
    }
}
