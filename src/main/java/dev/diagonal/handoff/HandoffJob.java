package dev.diagonal.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.data.Sample;
import dev.diagonal.io.AtomicFiles;
import dev.diagonal.project.Versions;
import dev.diagonal.train.DataSetup;
import dev.diagonal.train.Methods;
import dev.diagonal.train.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a hand-off job: a folder that fine-tunes a model as Diagonal's contrastive method would, but with
 * {@code transformers.Trainer} under {@code accelerate launch} (DDP/FSDP, several GPUs, SLURM). It holds
 * the prepared data as {@code train.csv}/{@code val.csv} ({@code image_path,caption}, as run_clip.py reads
 * them), the settings as {@code job.json}, and the scripts from this package's resources.
 */
public final class HandoffJob {

    /** The settings file that {@code train.py} reads. */
    public static final String JOB_FILE = "job.json";
    /** Where {@code launch.sh} writes the result, relative to the job. */
    public static final String OUTPUT = "output";

    private static final List<String> SCRIPTS = List.of("train.py", "launch.sh", "sbatch.sh", "fsdp.yaml", "requirements.txt");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What was written.
     *
     * @param dir the job folder
     * @param trainRows rows of {@code train.csv}
     * @param valRows rows of {@code val.csv} (0: no validation set)
     * @param notCarried the settings that do not carry over, one sentence each
     */
    public record Written(Path dir, int trainRows, int valRows, List<String> notCarried) {}

    /** The learning rate a hand-off job uses when the run's is auto: FLYP's for a pretrained CLIP. */
    public static final double FLYP_LR = 1e-5;

    private HandoffJob() {}

    /**
     * Validates the model, the data and the settings as {@code finetune} would, then writes the job.
     *
     * @param warnings data notes (skipped rows, no validation set) as {@code finetune} prints them
     * @throws DiagonalException naming the model, file or setting at fault; nothing is written then
     */
    public static Written write(Path model, Path train, Path val, TrainingConfig config, Path out, Consumer<String> warnings) {
        if (!Methods.CONTRASTIVE.equals(config.method())) {
            throw new DiagonalException("handoff: only the contrastive method hands off, not " + config.method());
        }
        ClipConfig.read(model); // a clear message for a folder that is not a CLIP model
        if (Files.exists(out) && !isEmptyDir(out)) {
            throw new DiagonalException("handoff: " + out + " already exists and is not empty");
        }
        DataSetup.Prepared data = DataSetup.prepare(train, val, config, warnings);
        List<String> notCarried = NotCarried.of(config, data);
        config = withoutAuto(config, data.train().size());
        try {
            Files.createDirectories(out);
            writeCsv(out.resolve("train.csv"), data.train());
            if (!data.val().isEmpty()) {
                writeCsv(out.resolve("val.csv"), data.val());
            }
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("model", model.toAbsolutePath().normalize().toString());
            job.put("train", train.toAbsolutePath().normalize().toString());
            job.put("val", val == null ? null : val.toAbsolutePath().normalize().toString());
            job.put("config", config.toJson());
            job.put("not_carried", notCarried);
            job.put("diagonal", Versions.current().diagonal());
            AtomicFiles.writeString(out.resolve(JOB_FILE), JSON.writeValueAsString(job) + "\n");
            for (String script : SCRIPTS) {
                copyResource(script, out.resolve(script));
            }
            AtomicFiles.writeString(out.resolve("README.md"), readme(model, train, val, config, notCarried));
        } catch (IOException e) {
            throw new DiagonalException("cannot write the job " + out + ": " + e.getMessage(), e);
        }
        return new Written(out, data.train().size(), data.val().size(), notCarried);
    }

    /**
     * The Trainer takes numbers: auto epochs resolve as {@code finetune} resolves them, and an auto learning rate
     * (the range test runs only in Diagonal) becomes FLYP's {@value #FLYP_LR}, which {@link NotCarried} reports.
     */
    static TrainingConfig withoutAuto(TrainingConfig config, int trainRows) {
        int batch = Math.max(1, config.data().batchSize());
        int batchesPerEpoch = (trainRows + batch - 1) / batch;
        TrainingConfig.Builder builder = config.toBuilder().epochs(config.schedule().autoEpochs(batchesPerEpoch));
        if (config.optimizer().lrAuto()) {
            builder.lr(FLYP_LR);
        }
        return builder.build();
    }

    private static boolean isEmptyDir(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeCsv(Path file, List<Sample> samples) {
        StringBuilder csv = new StringBuilder("image_path,caption\n");
        for (Sample sample : samples) {
            csv.append(quote(sample.image().toAbsolutePath().normalize().toString())).append(',')
                    .append(quote(sample.caption().strip())).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /** RFC 4180 quoting, as Python's csv module reads it. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = HandoffJob.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource missing from the build: " + name));
            }
            Files.write(target, in.readAllBytes());
        }
        if (name.endsWith(".sh")) {
            try {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: `bash launch.sh` still runs it
            }
        }
    }

    private static String readme(Path model, Path train, Path val, TrainingConfig config, List<String> notCarried) throws IOException {
        String text;
        try (InputStream in = HandoffJob.class.getResourceAsStream("README.md")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> bullets = new ArrayList<>();
        notCarried.forEach(n -> bullets.add("- " + n));
        var o = config.optimizer();
        return text.replace("{{MODEL}}", model.toString()).replace("{{TRAIN}}", train.toString())
                .replace("{{VAL}}", val == null ? "" : " (validation: `" + val + "`)")
                .replace("{{BETA1}}", String.valueOf(o.beta1())).replace("{{BETA2}}", String.valueOf(o.beta2()))
                .replace("{{EPS}}", String.valueOf(o.eps())).replace("{{WD}}", String.valueOf(o.weightDecay()))
                .replace("{{LR}}", String.valueOf(o.lr())).replace("{{CLIP}}", String.valueOf(o.clipNorm()))
                .replace("{{FREEZE}}", config.freeze().toString()).replace("{{NOT_CARRIED}}", String.join("\n", bullets));
    }
}
