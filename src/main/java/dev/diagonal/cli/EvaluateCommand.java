package dev.diagonal.cli;

import dev.diagonal.eval.Evaluation;
import dev.diagonal.eval.MetricNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evaluate}: zero-shot (labels) and retrieval (captions) of a model or a run's best model. */
@Command(name = "evaluate", description = "Evaluate a model folder or a run's model on a dataset to JSON: "
        + "zero-shot top-1/top-5 (labelled data) and retrieval R@1/5/10 (captioned data).")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|RUNDIR",
            description = "HF model folder, or a run folder (its best/ model, else its latest checkpoint)")
    Path model;

    @Option(names = "--data", required = true, description = "dataset folder or CSV/TSV/JSONL manifest")
    Path data;

    @Option(names = "--templates", description = "prompt templates, one per line with {} for the class name (default: a built-in set)")
    Path templates;

    @Option(names = "--checkpoint", defaultValue = "best", description = "with a run folder: best (best/, else the "
            + "latest checkpoint) or latest (the weights at the end of training) (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--wise-ft", split = ",", paramLabel = "ALPHA", description = "with a run folder: also score "
            + "the WiSE-FT model (1-ALPHA)*start + ALPHA*run for each ALPHA in [0, 1] (e.g. 0,0.25,0.5,0.75,1), "
            + "under wise_ft in the JSON")
    List<Double> wiseFt = new ArrayList<>();

    @Option(names = "--out", required = true, description = "output JSON file")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> result;
        Progress[] bar = new Progress[1]; // made once the number of images is known
        try {
            result = Evaluation.run(new Evaluation.Request(model, data, templates, common.device, common.batchSize(),
                    ExportCommand.latest(checkpoint), List.copyOf(wiseFt)),
                    (done, total) -> {
                        if (bar[0] == null) {
                            bar[0] = new Progress("Evaluating", total, "img");
                        }
                        bar[0].stepTo(done);
                    }, note -> err.println("note: " + note), () -> false);
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        err.flush();
        JsonOutput.write(out, result);
        PrintWriter console = spec.commandLine().getOut();
        Map<?, ?> metrics = (Map<?, ?>) result.get("metrics");
        if (metrics.containsKey(MetricNames.ZEROSHOT_TOP1)) {
            console.printf("zero-shot top-1 %.4f  top-5 %.4f%n", metrics.get(MetricNames.ZEROSHOT_TOP1),
                    metrics.get(MetricNames.ZEROSHOT_TOP5));
        }
        if (metrics.containsKey(MetricNames.IMAGE_TO_TEXT_R1)) {
            console.printf("retrieval image->text R@1 %.4f R@5 %.4f R@10 %.4f | text->image R@1 %.4f R@5 %.4f R@10 %.4f%n",
                    metrics.get(MetricNames.IMAGE_TO_TEXT_R1), metrics.get(MetricNames.IMAGE_TO_TEXT_R5),
                    metrics.get(MetricNames.IMAGE_TO_TEXT_R10), metrics.get(MetricNames.TEXT_TO_IMAGE_R1),
                    metrics.get(MetricNames.TEXT_TO_IMAGE_R5), metrics.get(MetricNames.TEXT_TO_IMAGE_R10));
        }
        if (metrics.containsKey(MetricNames.LINEAR_PROBE_TOP1)) {
            console.printf("linear probe top-1 %.4f  top-5 %.4f%n", metrics.get(MetricNames.LINEAR_PROBE_TOP1),
                    metrics.get(MetricNames.LINEAR_PROBE_TOP5));
        }
        if (metrics.containsKey(MetricNames.TIP_ADAPTER_TOP1)) {
            console.printf("tip-adapter top-1 %.4f  top-5 %.4f%n", metrics.get(MetricNames.TIP_ADAPTER_TOP1),
                    metrics.get(MetricNames.TIP_ADAPTER_TOP5));
        }
        if (result.get("wise_ft") instanceof List<?> sweep) {
            for (Object entry : sweep) {
                Map<?, ?> row = (Map<?, ?>) entry;
                Map<?, ?> scores = (Map<?, ?>) row.get("metrics");
                console.printf("wise-ft alpha %.3g: zero-shot top-1 %s  top-5 %s%n", (Double) row.get("alpha"),
                        format(scores.get(MetricNames.ZEROSHOT_TOP1)), format(scores.get(MetricNames.ZEROSHOT_TOP5)));
            }
        }
        console.flush();
        return 0;
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format("%.4f", d) : "-";
    }
}
