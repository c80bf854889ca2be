package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.clip.Devices;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every {@link Method} writes first: {@code run.json} with the settings and the run's provenance,
 * and reads back to resume.
 */
public final class RunStart {

    private RunStart() {}

    /**
     * The settings as {@code run.json} holds them ({@link TrainingConfig#toJson()}), followed by the model and
     * data paths ({@code model}, {@code train}, {@code val}).
     */
    public static Map<String, Object> hyperparameters(TrainingRequest request) {
        Map<String, Object> out = new LinkedHashMap<>(request.config().toJson());
        out.putAll(inputs(request));
        return out;
    }

    /** The absolute model and data paths, under {@code model}, {@code train} and (when given) {@code val}. */
    public static Map<String, Object> inputs(TrainingRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", absolute(request.modelDir()));
        out.put("train", absolute(request.train()));
        if (request.val() != null) {
            out.put("val", absolute(request.val()));
        }
        return out;
    }

    /**
     * Writes {@code run.json} of a new run, RUNNING and owned by this process, with its provenance (versions,
     * the device, fingerprints of the model and the data, the seed); returns it.
     */
    public static RunInfo write(RunFolder run, TrainingRequest request, Map<String, Object> hyperparameters) {
        List<Fingerprint> data = new ArrayList<>();
        data.add(Fingerprint.ofDataset(request.train()));
        if (request.val() != null) {
            data.add(Fingerprint.ofDataset(request.val()));
        }
        TrainingConfig config = request.config();
        Provenance provenance = Provenance.capture(Devices.select(config.device()).toString(),
                Fingerprint.ofModelDir(request.modelDir()), data, config.seed());
        RunInfo info = RunInfo.create(run.id(), config.method(), hyperparameters, provenance).running();
        run.writeRunJson(info);
        return info;
    }

    /**
     * The request a run was started with, read back from its {@code run.json} (of this or an earlier version).
     *
     * @throws DiagonalException naming {@code run.json} when a path or a setting is missing or unreadable
     */
    public static TrainingRequest read(RunFolder run, RunInfo info) {
        Map<String, Object> hyper = info.hyperparameters();
        TrainingConfig config = TrainingConfig.fromJson(hyper, run.runJson().toString());
        Path val = hyper.get("val") == null ? null : path(hyper, "val", run);
        return new TrainingRequest(path(hyper, "model", run), path(hyper, "train", run), val, config);
    }

    private static Path path(Map<String, Object> hyper, String key, RunFolder run) {
        Object value = hyper.get(key);
        if (value == null) {
            throw new DiagonalException(run.runJson() + " lacks hyperparameter " + key + "; cannot resume");
        }
        return Path.of(value.toString());
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
