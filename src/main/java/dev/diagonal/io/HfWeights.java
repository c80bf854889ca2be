package dev.diagonal.io;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.SafetensorsHeader.TensorEntry;
import dev.diagonal.io.WeightsSummary.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads the weights of a Hugging Face model folder: {@code model.safetensors}, or the shards listed by
 * {@code model.safetensors.index.json}. PyTorch pickles ({@code *.bin}) are refused with advice on
 * converting them, since unpickling them would need Python.
 */
public final class HfWeights {

    /** The single-file checkpoint name. */
    public static final String SINGLE_FILE = "model.safetensors";

    /** The shard index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private HfWeights() {}

    /**
     * Reads every tensor of a model folder, widened to float32. A path to a {@code .safetensors} file is
     * read as is.
     *
     * @return tensors by name, in file order (for shards: the index's {@code weight_map} order)
     */
    public static Map<String, HostTensor> load(Path modelDir) {
        Layout layout = locate(modelDir);
        Map<String, HostTensor> loaded = new LinkedHashMap<>();
        layout.files().forEach((file, wanted) -> {
            if (wanted != null) { // fail before reading a large shard's data
                layout.requireAll(file, wanted, Safetensors.readHeader(file).tensors().keySet());
            }
            loaded.putAll(Safetensors.read(file, name -> wanted == null || wanted.contains(name)));
        });
        return layout.inOrder(loaded);
    }

    /** Lists the tensors of a model folder (or file) from the headers alone, with their total size. */
    public static WeightsSummary describe(Path modelDir) {
        Layout layout = locate(modelDir);
        Map<String, TensorInfo> found = new LinkedHashMap<>();
        layout.files().forEach((file, wanted) -> {
            SafetensorsHeader header = Safetensors.readHeader(file);
            layout.requireAll(file, wanted, header.tensors().keySet());
            for (TensorEntry entry : header.tensors().values()) {
                if (wanted == null || wanted.contains(entry.name())) {
                    found.put(entry.name(), new TensorInfo(entry.name(), entry.dtype(), entry.shape(), file));
                }
            }
        });
        List<TensorInfo> tensors = List.copyOf(layout.inOrder(found).values());
        Set<TensorDType> dtypes = EnumSet.noneOf(TensorDType.class);
        tensors.forEach(tensor -> dtypes.add(tensor.dtype()));
        long parameters = tensors.stream().mapToLong(TensorInfo::numel).sum();
        return new WeightsSummary(tensors, parameters, dtypes, List.copyOf(layout.files().keySet()));
    }

    private static Layout locate(Path modelDir) {
        if (Files.isRegularFile(modelDir) && modelDir.getFileName().toString().endsWith(".safetensors")) {
            return Layout.single(modelDir);
        }
        if (!Files.isDirectory(modelDir)) {
            throw new DiagonalException("model folder " + modelDir + (Files.exists(modelDir)
                    ? " is not a folder" : " does not exist"));
        }
        Path single = modelDir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return Layout.single(single);
        }
        Path index = modelDir.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return Layout.sharded(index, ShardIndex.read(modelDir, index));
        }
        List<String> names = listNames(modelDir);
        List<String> safetensors = names.stream().filter(name -> name.endsWith(".safetensors")).toList();
        if (!safetensors.isEmpty()) {
            throw new DiagonalException("no " + SINGLE_FILE + " or " + INDEX_FILE + " in " + modelDir
                    + " (found " + String.join(", ", safetensors) + "; pass that file itself)");
        }
        List<String> bins = names.stream().filter(name -> name.endsWith(".bin")).toList();
        if (!bins.isEmpty()) {
            throw new DiagonalException(modelDir + " holds " + String.join(", ", bins) + " only; Diagonal reads"
                    + " safetensors — convert with transformers: model.save_pretrained(dir, safe_serialization=True)");
        }
        throw new DiagonalException("no " + SINGLE_FILE + " or " + INDEX_FILE + " in " + modelDir);
    }

    /**
     * The files to read, each with the tensor names to take from it ({@code null}: all of them), and
     * for shards the index that listed them and its name order.
     */
    private record Layout(Map<Path, Set<String>> files, Path index, List<String> order) {

        static Layout single(Path file) {
            Map<Path, Set<String>> files = new LinkedHashMap<>();
            files.put(file, null);
            return new Layout(files, null, List.of());
        }

        static Layout sharded(Path index, Map<String, Path> weightMap) {
            Map<Path, Set<String>> files = new LinkedHashMap<>();
            weightMap.forEach((name, file) -> files.computeIfAbsent(file, f -> new HashSet<>()).add(name));
            return new Layout(files, index, List.copyOf(weightMap.keySet()));
        }

        void requireAll(Path shard, Set<String> wanted, Set<String> present) {
            if (wanted == null) {
                return;
            }
            for (String name : wanted) {
                if (!present.contains(name)) {
                    throw new DiagonalException("tensor " + name + " listed in " + index + " is not in shard "
                            + shard.getFileName());
                }
            }
        }

        <T> Map<String, T> inOrder(Map<String, T> byName) {
            if (order.isEmpty()) {
                return byName;
            }
            Map<String, T> ordered = new LinkedHashMap<>();
            order.forEach(name -> ordered.put(name, byName.get(name)));
            return ordered;
        }
    }

    private static List<String> listNames(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new DiagonalException("cannot list model folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
