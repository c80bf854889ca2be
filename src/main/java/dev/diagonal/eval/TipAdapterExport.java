package dev.diagonal.eval;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Exports a Tip-Adapter run: its {@value TipAdapter#FILE} (keys, values, clip_weights, alpha, beta; labels in
 * the metadata) and a README giving the formula, into a folder of its own.
 */
public final class TipAdapterExport {

    private TipAdapterExport() {}

    /** Whether {@code run} is a finished Tip-Adapter run (it holds {@value TipAdapter#FILE}). */
    public static boolean isTipAdapterRun(Path run) {
        return run != null && Files.isRegularFile(run.resolve(TipAdapter.FILE));
    }

    /**
     * Writes the classifier and README into {@code out} and returns the classifier.
     *
     * @throws DiagonalException when {@code out} holds files and {@code force} is false, or cannot be written
     */
    public static TipAdapter export(Path run, String method, Path out, boolean force) {
        TipAdapter adapter = TipAdapter.load(run.resolve(TipAdapter.FILE));
        try {
            if (Files.isDirectory(out) && !force) {
                try (Stream<Path> entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new DiagonalException(out + " is not empty (use --force to replace its files)");
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new DiagonalException("cannot write " + out + ": " + e.getMessage(), e);
        }
        adapter.save(out.resolve(TipAdapter.FILE), method);
        String readme = String.format(Locale.ROOT, """
                # %s classifier exported by Diagonal

                `%s` holds, as float32:
                - `keys` (%d × %d): cache keys, one per training image%s;
                - `values` (%d × %d): their one-hot labels;
                - `clip_weights` (%d × %d): the zero-shot head, normalised class-prompt text embeddings;
                - `alpha` = %.6g, `beta` = %.6g (searched on the validation split).
                The class labels, in column order, are the JSON list under `labels` in the file's metadata.

                For an image feature `f` from the base model's image tower, L2-normalised:

                    logits = 100 * f @ clip_weights.T + alpha * exp(-beta * (1 - f @ keys.T)) @ values

                The predicted class is the argmax (Zhang et al. 2022, Tip-Adapter).
                """, method, TipAdapter.FILE, adapter.keys().length, dim(adapter.keys()),
                TipAdapter.METHOD_F.equals(method) ? " (trained)" : " (normalised mean of augmented features)",
                adapter.values().length, adapter.labels().size(), adapter.clipWeights().length, dim(adapter.clipWeights()),
                adapter.alpha(), adapter.beta());
        AtomicFiles.write(out.resolve("README.md"), stream -> stream.write(readme.getBytes(StandardCharsets.UTF_8)));
        return adapter;
    }

    private static int dim(float[][] rows) {
        return rows.length == 0 ? 0 : rows[0].length;
    }
}
