package dev.diagonal.compare;

import dev.diagonal.DiagonalException;
import dev.diagonal.eval.Evaluation;
import dev.diagonal.eval.MetricNames;
import dev.diagonal.train.Methods;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one place {@code compare} scores a model: it wraps {@link Evaluation#run} (so a single
 * {@code evaluate} of a compared run gives the same numbers) and picks each method's own classifier from
 * the result: the linear probe for {@code linear-probe}, the cache for {@code tip-adapter(-f)}, zero-shot
 * prompts for the base model and for methods that change the weights.
 */
public final class CellScoring {

    /** The WiSE-FT weights α of the sweep, ascending. */
    public static final List<Double> WISE_FT_ALPHAS = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    /**
     * A model's score on one dataset.
     *
     * @param top1 top-1 of the method's classifier
     * @param top5 top-5 of the method's classifier
     * @param wiseFt zero-shot top-1 of {@code (1−α)·start + α·run} for each α asked for, in that order
     */
    public record Score(double top1, double top5, List<Double> wiseFt) {}

    private final Path templates;
    private final String device;
    private final int batchSize;
    private final Consumer<String> notes;
    private final BooleanSupplier cancelled;

    /**
     * @param templates prompt templates file, or null for the built-in set
     * @param device {@code cpu}, {@code gpu} or {@code auto}
     * @param batchSize images or texts per forward pass
     * @param notes hears the evaluation's remarks
     * @param cancelled polled between batches ({@link java.util.concurrent.CancellationException} then)
     */
    public CellScoring(Path templates, String device, int batchSize, Consumer<String> notes, BooleanSupplier cancelled) {
        this.templates = templates;
        this.device = device;
        this.batchSize = batchSize;
        this.notes = notes;
        this.cancelled = cancelled;
    }

    /** Whether a run of {@code method} changes the CLIP weights, so that a WiSE-FT sweep means something. */
    public static boolean changesWeights(String method) {
        return Methods.CONTRASTIVE.equals(method) || Methods.LORA.equals(method);
    }

    /**
     * Scores a model folder (zero-shot) or a run folder (its method's classifier) on {@code data}.
     *
     * @param method the run's method, or {@link Cell#ZERO_SHOT} for a model folder
     * @param alphas WiSE-FT weights to score too (only for a run of a method that {@link #changesWeights})
     */
    public Score score(Path model, String method, Path data, List<Double> alphas) {
        Map<String, Object> result = Evaluation.run(new Evaluation.Request(model, data, templates, device, batchSize,
                false, alphas), (done, total) -> { }, notes, cancelled);
        List<Double> sweep = new ArrayList<>();
        if (!alphas.isEmpty()) {
            for (Object entry : (List<?>) result.get("wise_ft")) {
                sweep.add(metric(((Map<?, ?>) entry).get("metrics"), MetricNames.ZEROSHOT_TOP1, data));
            }
        }
        Object metrics = result.get("metrics");
        return switch (method) {
            case Methods.LINEAR_PROBE -> score(metrics, MetricNames.LINEAR_PROBE_TOP1, MetricNames.LINEAR_PROBE_TOP5,
                    data, sweep);
            case Methods.TIP_ADAPTER, Methods.TIP_ADAPTER_F -> score(metrics, MetricNames.TIP_ADAPTER_TOP1,
                    MetricNames.TIP_ADAPTER_TOP5, data, sweep);
            default -> score(metrics, MetricNames.ZEROSHOT_TOP1, MetricNames.ZEROSHOT_TOP5, data, sweep);
        };
    }

    private static Score score(Object metrics, String top1, String top5, Path data, List<Double> sweep) {
        return new Score(metric(metrics, top1, data), metric(metrics, top5, data), sweep);
    }

    private static double metric(Object metrics, String key, Path data) {
        Object value = metrics instanceof Map<?, ?> map ? map.get(key) : null;
        if (!(value instanceof Number n)) {
            throw new DiagonalException(data + ": the evaluation gave no " + key + " score (are the data labelled?)");
        }
        return n.doubleValue();
    }
}
