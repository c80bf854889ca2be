package dev.diagonal.train;

import ai.djl.nn.Parameter;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.WiseFt;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * WiSE-FT on a finished contrastive or LoRA run, for the workbench's α slider: the model
 * θ = (1−α)·θ_start + α·θ_run ({@link WiseFt#interpolate}, θ_run the run's {@code best/}) evaluated as the run
 * evaluated itself, on its own validation samples and probe batch (the same split, seed and probe). α = 0
 * gives the starting model's numbers, α = 1 those of {@code best/}. Opening loads both weight sets and the
 * data once; each {@link #score} only assigns the mixed weights and evaluates (the preprocessed images stay
 * cached).
 */
public final class WiseFtPreview implements AutoCloseable {

    /**
     * One α's evaluation: the run's metrics (e.g. {@code zeroshot_top1}) and the probe batch's similarities;
     * {@code bestIsStart} when {@code best/} holds the starting model (no evaluation beat step 0), so every α
     * gives the same model.
     */
    public record Score(double alpha, Map<String, Double> metrics, SimilaritySnapshot similarity, boolean bestIsStart) {}

    private final TrainingSession session;
    private final Map<String, HostTensor> start;
    private final Map<String, HostTensor> run;
    private final String source;
    private final boolean bestIsStart;

    private WiseFtPreview(TrainingSession session, Map<String, HostTensor> start, Map<String, HostTensor> run,
            String source, boolean bestIsStart) {
        this.session = session;
        this.start = start;
        this.run = run;
        this.source = source;
        this.bestIsStart = bestIsStart;
    }

    /** Whether {@code info} is a run WiSE-FT applies to: a completed contrastive or LoRA run. */
    public static boolean applies(RunInfo info) {
        return info.status() == RunStatus.COMPLETED
                && (Methods.CONTRASTIVE.equals(info.method()) || Methods.LORA.equals(info.method()));
    }

    /**
     * Opens the preview of a finished run.
     *
     * @throws DiagonalException when the run is not a completed contrastive or LoRA run, or its {@code best/}
     *     or starting model is missing (the message names which)
     */
    public static WiseFtPreview open(RunFolder folder) {
        RunInfo info = folder.readRunJson();
        if (!applies(info)) {
            throw new DiagonalException("WiSE-FT needs a completed contrastive or LoRA run; run " + folder.id()
                    + " is a " + info.status().name().toLowerCase(java.util.Locale.ROOT) + " " + info.method() + " run");
        }
        TrainingRequest request = RunStart.read(folder, info);
        Path best = folder.bestDir();
        if (!Files.isDirectory(best)) {
            throw new DiagonalException("run " + folder.id() + " has no " + RunFolder.BEST + "/ folder to interpolate");
        }
        if (!Files.isDirectory(request.modelDir())) {
            throw new DiagonalException("WiSE-FT: the starting model of run " + folder.id() + " is gone: " + request.modelDir());
        }
        // best/ holds a whole model (LoRA's adapters merged in), so the preview never attaches adapters
        TrainingConfig config = request.config().toBuilder().method(Methods.CONTRASTIVE).build();
        DataSetup.Prepared data = DataSetup.prepare(request.train(), request.val(), request.config(), warning -> { });
        Map<String, HostTensor> startWeights = HfWeights.load(request.modelDir());
        Map<String, HostTensor> runWeights = HfWeights.load(best);
        TrainingSession session = TrainingSession.open(config, best, data, null, null);
        boolean fromStart = info.bestMetric() != null && info.bestMetric().fromStart();
        return new WiseFtPreview(session, startWeights, runWeights, best.toString(), fromStart);
    }

    /**
     * Evaluates the interpolation at {@code alpha}.
     *
     * @throws DiagonalException when α is outside [0, 1]
     */
    public Score score(double alpha) {
        Map<String, HostTensor> mixed = WiseFt.interpolate(start, run, alpha);
        // written into the loaded arrays: no new native memory per slider move
        for (Map.Entry<String, Parameter> entry : session.model.stateDict().entrySet()) {
            HostTensor tensor = mixed.get(entry.getKey());
            if (tensor == null) {
                throw new DiagonalException(source + " lacks tensor " + entry.getKey());
            }
            entry.getValue().getArray().set(FloatBuffer.wrap(tensor.data()));
        }
        Evaluator.Result result = session.evaluator.evaluate(0);
        return new Score(alpha, result.metrics(), result.similarity(), bestIsStart);
    }

    @Override
    public void close() {
        session.close();
    }
}
