package dev.diagonal.cli;

import dev.diagonal.app.common.AppPaths;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipInit;
import dev.diagonal.io.HfExport;
import dev.diagonal.io.TensorDType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code init}: a randomly initialised CLIP model folder, to train from scratch with {@code finetune}. */
@Command(name = "init", description = "Create a CLIP model folder with random weights (HF's initialisation) from a "
        + "config.json, with the CLIP tokenizer and CLIP's image preprocessing, ready for finetune.")
final class InitCommand implements Callable<Integer> {

    /** The real CLIP tokenizer shipped with Diagonal, relative to the installation folder. */
    static final String CLIP_TOKENIZER = "assets/tokenizer/clip";

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "an HF CLIP config.json")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the model folder to write (absent or empty)")
    Path out;

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "tokenizer files to copy "
            + "(default: the CLIP tokenizer shipped in assets/tokenizer/clip)")
    Path tokenizer;

    @Option(names = "--preprocessor", paramLabel = "FILE", description = "a preprocessor_config.json to copy "
            + "(default: CLIP's, at the config's image size)")
    Path preprocessor;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--force", description = "replace a non-empty --out folder")
    boolean force;

    @Option(names = "--verbose", description = "print stack traces")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClipConfig clip = ClipConfig.read(config);
        Path tokenizerDir = tokenizer != null ? tokenizer : AppPaths.detect().root().resolve(CLIP_TOKENIZER);
        HfExport.Report report = HfExport.write(clip, ClipInit.random(clip, seed), tokenizerDir, preprocessor, out,
                new HfExport.Options(TensorDType.F32, force, (stage, done, total) -> {}));
        spec.commandLine().getOut().printf("initialised %s: %d tensors, %,d parameters, seed %d%n", report.out(),
                report.tensors(), report.parameters(), seed);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
