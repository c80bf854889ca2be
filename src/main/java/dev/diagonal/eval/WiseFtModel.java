package dev.diagonal.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.io.HfExport;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.WiseFt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WiSE-FT model written as an HF folder: {@code (1−α)·start + α·run} for a fine-tuned run (contrastive,
 * or LoRA through its merged {@code best/}) and the model it started from, with {@code wise_ft.json} naming
 * α and both sources. Used by {@code export --wise-ft} and {@code evaluate --wise-ft}.
 */
public final class WiseFtModel {

    /** Provenance file written next to the weights. */
    public static final String PROVENANCE = "wise_ft.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WiseFtModel() {}

    /**
     * Interpolates the run's weights with its starting model's and writes the result to {@code out}.
     *
     * @param model a run's weights (its {@code best/} or latest checkpoint)
     * @param alpha the run's weight in [0, 1]
     * @param setting the flag or field named in errors (e.g. {@code --wise-ft})
     * @throws DiagonalException if α is out of range, {@code model} is no run, or its starting model is gone
     */
    public static HfExport.Report write(ModelSource model, double alpha, Path out, HfExport.Options options,
            String setting) {
        WiseFt.validateAlpha(alpha, setting);
        Path start = startModel(model, setting);
        Map<String, HostTensor> mixed = WiseFt.interpolate(HfWeights.load(start), HfWeights.load(model.weights()), alpha);
        Path preprocessor = Files.isRegularFile(model.weights().resolve(HfExport.PREPROCESSOR))
                ? model.weights().resolve(HfExport.PREPROCESSOR) : model.assets().resolve(HfExport.PREPROCESSOR);
        HfExport.Report report = HfExport.write(ClipConfig.read(model.weights()), new ArrayList<>(mixed.values()),
                model.assets(), preprocessor, out, options);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("method", "wise-ft");
        provenance.put("formula", "(1-alpha)*start + alpha*run, per tensor, f32");
        provenance.put("alpha", alpha);
        provenance.put("start", start.toAbsolutePath().toString());
        provenance.put("run", model.weights().toAbsolutePath().toString());
        try {
            JSON.writeValue(report.out().resolve(PROVENANCE).toFile(), provenance);
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + report.out().resolve(PROVENANCE) + ": " + e.getMessage(), e);
        }
        return report;
    }

    /** The model {@code model}'s run started from. */
    static Path startModel(ModelSource model, String setting) {
        if (model.run() == null) {
            throw new DiagonalException(setting + " needs a fine-tuned run folder, not a model folder");
        }
        return model.startModel().orElseThrow(() -> new DiagonalException(setting + ": the starting model of run "
                + model.run() + " (run.json hyperparameter model) is missing"));
    }
}
