package dev.diagonal.eval;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.HfExport;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a model's files are, given {@code --model DIR|RUNDIR}: an HF model folder is taken as it is; a
 * run folder gives its {@code best/} model, else its latest {@code checkpoints/step-N/} (else, for a
 * {@code linear-probe} run, whose image tower is frozen, the base model itself). Weights and
 * {@code config.json} come from that folder; tokenizer and preprocessor files from it when present,
 * else from the run's base model (run.json: hyperparameter {@code model}, or the provenance's model
 * fingerprint path).
 *
 * @param weights folder holding {@code config.json} and the safetensors weights
 * @param assets folder holding the tokenizer files and, if any, {@code preprocessor_config.json}
 * @param run the run folder it was resolved from, or null for a plain model folder
 * @param description one line for messages, e.g. {@code "run X, best/ (step 40)"}
 */
public record ModelSource(Path weights, Path assets, Path run, String description) {

    private static final Pattern STEP = Pattern.compile("step-(\\d{1,18})");

    /**
     * Resolves {@code --model DIR|RUNDIR}.
     *
     * @throws DiagonalException naming the folder when it is neither, or a run has no model yet
     */
    public static ModelSource resolve(Path path) {
        return resolve(path, false);
    }

    /**
     * As {@link #resolve(Path)}, but a run folder gives its latest checkpoint (the weights at the end of
     * training) ahead of {@code best/} when {@code latest} is set.
     */
    public static ModelSource resolve(Path path, boolean latest) {
        if (!Files.isDirectory(path)) {
            throw new DiagonalException("model or run folder not found: " + path);
        }
        Path dir = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))) {
            return fromRun(RunFolder.open(dir), latest);
        }
        if (Files.isRegularFile(dir.resolve("config.json"))) {
            return new ModelSource(dir, dir, null, dir.toString());
        }
        throw new DiagonalException(dir + " is neither a model folder (config.json) nor a run folder (run.json)");
    }

    private static ModelSource fromRun(RunFolder run, boolean latest) {
        RunInfo info = run.readRunJson();
        Optional<Path> base = baseModel(info);
        Path weights;
        String which;
        if (latest && latestCheckpoint(run).isPresent()) {
            weights = latestCheckpoint(run).get();
            which = "checkpoints/" + weights.getFileName();
        } else if (isModel(run.bestDir())) {
            weights = run.bestDir();
            which = "best/" + bestStep(info);
        } else if (latestCheckpoint(run).isPresent()) {
            weights = latestCheckpoint(run).get();
            which = "checkpoints/" + weights.getFileName();
        } else if (LinearProbeResultFile.METHOD.equals(info.method()) && base.isPresent()) {
            weights = base.get();
            which = "base model (linear probe: image tower unchanged)";
        } else if ((TipAdapter.METHOD.equals(info.method()) || TipAdapter.METHOD_F.equals(info.method())) && base.isPresent()) {
            weights = base.get();
            which = "base model (" + info.method() + ": image tower unchanged)";
        } else {
            throw new DiagonalException("run " + run.id() + " has no best/ model or checkpoint yet");
        }
        Path assets = HfExport.hasTokenizer(weights) ? weights : base.filter(HfExport::hasTokenizer).orElseThrow(() ->
                new DiagonalException(weights + " has no tokenizer files, and the run's base model "
                        + (base.isPresent() ? base.get() + " has none either"
                                : namedBaseModels(info).stream().findFirst().map(p -> p + " is gone")
                                        .orElse("is not recorded in run.json"))));
        return new ModelSource(weights, assets, run.path(), "run " + run.id() + ", " + which);
    }

    /** Which step {@code best/} is from, e.g. {@code " (step 40)"}; step 0 is the model training started from. */
    private static String bestStep(RunInfo info) {
        BestMetric best = info.bestMetric();
        if (best == null || best.step() == null) {
            return "";
        }
        return best.fromStart() ? " (step 0: the model training started from; no later evaluation beat it)"
                : " (step " + best.step() + ")";
    }

    /**
     * The folder of the model a run started from (for WiSE-FT), if this source is a run and that folder exists.
     */
    public Optional<Path> startModel() {
        return run == null ? Optional.empty() : baseModel(RunFolder.open(run).readRunJson());
    }

    /** The base model folder named in run.json (hyperparameter {@code model}, else the provenance), if it exists. */
    static Optional<Path> baseModel(RunInfo info) {
        return namedBaseModels(info).stream().filter(Files::isDirectory).findFirst();
    }

    private static List<Path> namedBaseModels(RunInfo info) {
        List<Path> named = new ArrayList<>();
        Object hyper = info.hyperparameters().get("model");
        if (hyper != null) {
            named.add(Path.of(hyper.toString()));
        }
        if (info.provenance() != null && info.provenance().model() != null) {
            named.add(Path.of(info.provenance().model().path()));
        }
        return named;
    }

    /** The highest {@code checkpoints/step-N} holding a model (config.json and model.safetensors). */
    static Optional<Path> latestCheckpoint(RunFolder run) {
        Path dir = run.checkpointsDir();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> STEP.matcher(p.getFileName().toString()).matches())
                    .filter(ModelSource::isModel)
                    .max(Comparator.comparingLong(ModelSource::stepOf));
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long stepOf(Path checkpoint) {
        Matcher m = STEP.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean isModel(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json"))
                && (Files.isRegularFile(dir.resolve("model.safetensors"))
                        || Files.isRegularFile(dir.resolve("model.safetensors.index.json")));
    }

    /** Whether weights and tokenizer come from one folder (then {@link #weights()} opens as is). */
    public boolean isSingleFolder() {
        return weights.equals(assets);
    }
}
