package dev.diagonal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear-probe run's {@code result.json}: the model, the class labels (the probe's label indices),
 * the chosen C, every C tried, the validation metrics and how long it took. Also reloads the probe of
 * a run folder.
 */
public final class LinearProbeResultFile {

    /** The method name in {@code run.json}. */
    public static final String METHOD = "linear-probe";
    /** The probe's liblinear model file in the run folder. */
    public static final String PROBE_FILE = "probe.model";
    /** The result summary in the run folder. */
    public static final String RESULT_FILE = "result.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LinearProbeResultFile() {}

    /**
     * Writes {@code result.json} atomically.
     *
     * @param modelDir the model whose image features the probe reads
     * @param shots training images per class asked for (0: all)
     * @param refitOnTrainAndVal whether the saved probe was refitted on training + validation images at the chosen C
     */
    public static void write(Path file, Path modelDir, int shots, LinearProbeData data, LinearProbeFit fit,
            boolean refitOnTrainAndVal, int featureDimension, double embedSeconds, double totalSeconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", METHOD);
        out.put("model", modelDir.toAbsolutePath().normalize().toString());
        out.put("probe_file", PROBE_FILE);
        out.put("labels", data.labels());
        out.put("feature_dim", featureDimension);
        out.put("best_c", fit.bestC());
        out.put("train_images", data.train().size());
        out.put("val_images", data.val().size());
        out.put("shots", shots);
        out.put("short_classes", data.shortClasses());
        out.put("val", fit.val());
        out.put("refit_on_train_and_val", refitOnTrainAndVal);
        List<Map<String, Object>> sweep = new ArrayList<>();
        for (LinearProbeSweep.Point point : fit.sweep()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("c", point.c());
            row.put("val_top1", point.valTop1());
            row.put("val_log_loss", point.valLogLoss());
            sweep.add(row);
        }
        out.put("sweep", sweep);
        out.put("seconds_embedding", embedSeconds);
        out.put("seconds_total", totalSeconds);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, stream -> stream.write(bytes));
    }

    /**
     * The probe of a linear-probe run folder, with its class labels.
     *
     * @throws DiagonalException naming the file when {@code result.json} or the probe is missing or broken
     */
    public static LinearProbe loadProbe(Path runDir) {
        Path file = runDir.resolve(RESULT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException("no " + RESULT_FILE + " in " + runDir + " (not a finished linear-probe run)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DiagonalException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode labels = root == null ? null : root.get("labels");
        if (labels == null || !labels.isArray() || !root.path("best_c").isNumber()) {
            throw new DiagonalException(file + " lacks \"labels\" or \"best_c\"");
        }
        List<String> names = new ArrayList<>();
        labels.forEach(label -> names.add(label.asText()));
        String probeFile = root.path("probe_file").asText(PROBE_FILE);
        return LinearProbe.load(runDir.resolve(probeFile), names, root.get("best_c").asDouble());
    }
}
