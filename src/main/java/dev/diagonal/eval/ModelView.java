package dev.diagonal.eval;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.HfExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder that {@link Embedder#open} can load for a {@link ModelSource}: the weights folder itself
 * when it also holds the tokenizer, else a temporary folder of symbolic links (copies where links are
 * not allowed) to the weights, config, tokenizer and preprocessor files, deleted on {@link #close()}.
 */
public final class ModelView implements AutoCloseable {

    private final Path folder;
    private final boolean temporary;

    private ModelView(Path folder, boolean temporary) {
        this.folder = folder;
        this.temporary = temporary;
    }

    /** A loadable folder for {@code source}. */
    public static ModelView of(ModelSource source) {
        if (source.isSingleFolder()) {
            return new ModelView(source.weights(), false);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("diagonal-model-");
        } catch (IOException e) {
            throw new DiagonalException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        ModelView view = new ModelView(dir, true);
        try {
            for (Path file : weightFiles(source.weights())) {
                view.link(file);
            }
            for (String name : HfExport.TOKENIZER_FILES) {
                view.linkIfPresent(source.assets().resolve(name));
            }
            Path preprocessor = source.weights().resolve(HfExport.PREPROCESSOR);
            view.linkIfPresent(Files.isRegularFile(preprocessor) ? preprocessor
                    : source.assets().resolve(HfExport.PREPROCESSOR));
            return view;
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    /** The folder to load. */
    public Path folder() {
        return folder;
    }

    /** {@code config.json} and the safetensors files (single file, or index and shards) of a folder. */
    static List<Path> weightFiles(Path weights) {
        List<Path> files = new ArrayList<>();
        files.add(weights.resolve("config.json"));
        try (Stream<Path> entries = Files.list(weights)) {
            entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".safetensors") || name.equals("model.safetensors.index.json");
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + weights + ": " + e.getMessage(), e);
        }
        return files;
    }

    private void linkIfPresent(Path file) {
        if (Files.isRegularFile(file) && !Files.exists(folder.resolve(file.getFileName()))) {
            link(file);
        }
    }

    private void link(Path file) {
        Path target = folder.resolve(file.getFileName().toString());
        try {
            Files.createSymbolicLink(target, file.toAbsolutePath());
        } catch (UnsupportedOperationException | IOException linkFailed) {
            try {
                Files.copy(file, target);
            } catch (IOException e) {
                throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary folder of links is harmless
        }
    }
}
