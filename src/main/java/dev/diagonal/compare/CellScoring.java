package dev.diagonal.compare;

import dev.diagonal.DiagonalException;
import dev.diagonal.eval.Evaluation;
import dev.diagonal.eval.LinearProbeMetrics;
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
                sweep.add(number(((Map<?, ?>) entry).get("top1"), data, "wise_ft top1"));
            }
        }
        return switch (method) {
            case Methods.LINEAR_PROBE -> metrics(result.get("linear_probe"), data, "linear_probe", sweep);
            case Methods.TIP_ADAPTER, Methods.TIP_ADAPTER_F -> metrics(result.get("tip_adapter"), data, "tip_adapter", sweep);
            default -> new Score(number(result.get("top1"), data, "top1"), number(result.get("top5"), data, "top5"), sweep);
        };
    }

    private static Score metrics(Object value, Path data, String key, List<Double> sweep) {
        if (!(value instanceof LinearProbeMetrics m)) {
            throw new DiagonalException(data + ": the evaluation gave no " + key + " score (are the data labelled?)");
        }
        return new Score(m.top1(), m.top5(), sweep);
    }

    private static double number(Object value, Path data, String key) {
        if (!(value instanceof Number n)) {
            throw new DiagonalException(data + ": the evaluation gave no " + key + " score (are the data labelled?)");
        }
        return n.doubleValue();
    }
}
