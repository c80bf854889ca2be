package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.eval.ModelSource;
import dev.diagonal.io.HfExport;
import dev.diagonal.io.HfWeights;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.WiseFt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

/** {@code export --wise-ft}: writes the WiSE-FT interpolation of a run and the model it started from. */
final class WiseFtExport {

    /** Provenance file written next to the weights, naming α and both sources. */
    static final String PROVENANCE = "wise_ft.json";

    private WiseFtExport() {}

    static HfExport.Report write(ModelSource model, double alpha, Path out, HfExport.Options options) {
        WiseFt.validateAlpha(alpha, "--wise-ft");
        if (model.run() == null) {
            throw new DiagonalException("--wise-ft needs --run (a fine-tuned run), not a model folder");
        }
        Path start = model.startModel().orElseThrow(() -> new DiagonalException(
                "--wise-ft: the starting model of run " + model.run() + " (run.json hyperparameter model) is missing"));
        Map<String, HostTensor> mixed = WiseFt.interpolate(HfWeights.load(start), HfWeights.load(model.weights()), alpha);
        Path preprocessor = Files.isRegularFile(model.weights().resolve(HfExport.PREPROCESSOR))
                ? model.weights().resolve(HfExport.PREPROCESSOR) : model.assets().resolve(HfExport.PREPROCESSOR);
        HfExport.Report report = HfExport.write(ClipConfig.read(model.weights()), new ArrayList<>(mixed.values()),
                model.assets(), preprocessor, out, options);
        String json = "{\n  \"method\": \"wise-ft\",\n  \"formula\": \"(1-alpha)*start + alpha*run, per tensor, f32\",\n"
                + "  \"alpha\": " + alpha + ",\n  \"start\": \"" + escape(start.toAbsolutePath().toString()) + "\",\n"
                + "  \"run\": \"" + escape(model.weights().toAbsolutePath().toString()) + "\"\n}\n";
        try {
            Files.writeString(report.out().resolve(PROVENANCE), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
