package dev.diagonal.cli;

import dev.diagonal.DiagonalException;
import dev.diagonal.eval.ModelSource;
import dev.diagonal.io.HfExport;
import dev.diagonal.io.TensorDType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code export}: a run's model (or a model folder) as an HF folder transformers loads. */
@Command(name = "export", description = "Export a run's model (best/, else latest checkpoint) or a model folder "
        + "as a Hugging Face folder: config.json, model.safetensors, tokenizer files, preprocessor_config.json.")
final class ExportCommand implements Callable<Integer> {

    /** Exactly one source. */
    static final class Source {
        @Option(names = "--run", paramLabel = "RUNDIR", description = "run folder to export")
        Path run;

        @Option(names = "--model", paramLabel = "DIR", description = "model folder to re-export")
        Path model;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write (absent or empty)")
    Path out;

    @Option(names = "--dtype", defaultValue = "f32", description = "f32 or f16 weights (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--checkpoint", defaultValue = "best", description = "with --run: best (best/, else the latest "
            + "checkpoint) or latest (the weights at the end of training) (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--format", defaultValue = "hf", description = "hf (a model folder; LoRA merged in) or peft "
            + "(a lora run's adapter_config.json + adapter_model.safetensors) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--wise-ft", paramLabel = "ALPHA", description = "with --run: export (1-ALPHA)*start + ALPHA*run "
            + "(WiSE-FT), ALPHA in [0, 1]")
    Double wiseFt;

    @Option(names = "--force", description = "replace a non-empty --out folder")
    boolean force;

    @Option(names = "--verbose", description = "print stack traces")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Whether {@code --checkpoint} asks for a run's latest checkpoint rather than its best one. */
    static boolean latest(String checkpoint) {
        if (!checkpoint.equals("best") && !checkpoint.equals("latest")) {
            throw new DiagonalException("--checkpoint must be best or latest, not \"" + checkpoint + "\"");
        }
        return checkpoint.equals("latest");
    }

    @Override
    public Integer call() {
        TensorDType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f32", "float32" -> TensorDType.F32;
            case "f16", "float16" -> TensorDType.F16;
            default -> throw new DiagonalException("--dtype must be f32 or f16, not \"" + dtype + "\"");
        };
        Path from = source.run != null ? source.run : source.model;
        if (format.equals("peft")) {
            if (source.run == null) {
                throw new DiagonalException("--format peft needs --run (a lora run)");
            }
            dev.diagonal.train.PeftAdapter.export(source.run, out);
            spec.commandLine().getOut().printf("exported the LoRA adapter of %s to %s%n", source.run, out);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (!format.equals("hf")) {
            throw new DiagonalException("--format must be hf or peft, not \"" + format + "\"");
        }
        ModelSource model = ModelSource.resolve(from, latest(checkpoint));
        if (source.run != null && model.run() == null) {
            throw new DiagonalException(from + " is not a run folder (no run.json); use --model for a model folder");
        }
        if (source.run != null && dev.diagonal.eval.TipAdapterExport.isTipAdapterRun(model.run())) {
            String method = dev.diagonal.project.RunFolder.open(model.run()).readRunJson().method();
            dev.diagonal.eval.TipAdapter adapter = dev.diagonal.eval.TipAdapterExport.export(model.run(), method, out, force);
            spec.commandLine().getOut().printf("exported %s classifier (%d cache entries, %d classes, alpha %.4g, beta %.4g) to %s%n",
                    method, adapter.keys().length, adapter.labels().size(), adapter.alpha(), adapter.beta(), out);
            spec.commandLine().getOut().flush();
            return 0;
        }
        HfExport.Report report;
        try (Progress progress = new Progress("Exporting", 5, "step")) {
            HfExport.Options options = new HfExport.Options(type, force, (stage, done, total) -> progress.stepTo(done));
            report = wiseFt == null ? HfExport.export(model.weights(), model.assets(), out, options)
                    : WiseFtExport.write(model, wiseFt, out, options);
        }
        spec.commandLine().getOut().printf("exported %s: %d tensors (%,d parameters, %s) to %s%s%n",
                model.description(), report.tensors(), report.parameters(), type, report.out(),
                report.preprocessorDefaults() ? " (preprocessor_config.json from CLIP defaults)" : "");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
