package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.Fixtures;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.StateDict;
import dev.diagonal.image.ImageProcessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfExportTest {

    @TempDir
    Path tmp;

    private Path source;

    @BeforeEach
    void tinyModel() throws IOException {
        source = Files.createDirectories(tmp.resolve("source"));
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), source);
        copyAll(Path.of("assets/tokenizer/clip"), source);
    }

    @Test
    void exportLoadsBackWithIdenticalFeatures() throws IOException {
        Path out = tmp.resolve("export");
        List<String> stages = new ArrayList<>();

        HfExport.Report report = HfExport.export(source, source, out,
                new HfExport.Options(TensorDType.F32, false, (stage, done, total) -> stages.add(done + "/" + total)));

        assertThat(report.files()).containsExactly("config.json", "merges.txt", "model.safetensors",
                "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json", "vocab.json");
        assertThat(report.preprocessorDefaults()).isTrue();
        assertThat(stages).startsWith("0/5").endsWith("5/5");
        assertThat(Safetensors.readHeader(out.resolve("model.safetensors")).tensors().values())
                .allSatisfy(t -> assertThat(t.dtype()).isEqualTo(TensorDType.F32));
        assertThat(Safetensors.readHeader(out.resolve("model.safetensors")).metadata()).containsEntry("format", "pt");
        JsonNode preprocessor = new ObjectMapper().readTree(out.resolve("preprocessor_config.json").toFile());
        assertThat(preprocessor.at("/crop_size/height").asInt()).isEqualTo(32);
        assertThat(preprocessor.at("/size/shortest_edge").asInt()).isEqualTo(32);
        assertThat(ImageProcessorConfig.fromJson(out.resolve("preprocessor_config.json"))).isEqualTo(ImageProcessorConfig.defaults(32));
        assertThat(Files.readAllBytes(out.resolve("vocab.json"))).isEqualTo(Files.readAllBytes(source.resolve("vocab.json")));
        assertThat(leftovers()).isEmpty();

        double worst = maxFeatureDifference(source, out);
        assertThat(worst).isEqualTo(0.0);
    }

    @Test
    void f16ExportOfAnF16ModelIsLossless() throws IOException {
        Path out = tmp.resolve("export16");
        HfExport.export(source, source, out, new HfExport.Options(TensorDType.F16, false, (s, d, t) -> {}));

        assertThat(Safetensors.readHeader(out.resolve("model.safetensors")).tensors().values())
                .allSatisfy(t -> assertThat(t.dtype()).isEqualTo(TensorDType.F16));
        assertThat(new ObjectMapper().readTree(out.resolve("config.json").toFile()).get("dtype").asText()).isEqualTo("float16");
        assertThat(maxFeatureDifference(source, out)).isEqualTo(0.0);
    }

    @Test
    void refusesToClobberButForceReplacesAtomically() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> HfExport.export(source, source, out, HfExport.Options.defaults()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining(out.toString()).hasMessageContaining("--force");
        assertThat(out.resolve("precious.txt")).hasContent("keep me");

        HfExport.export(source, source, out, new HfExport.Options(TensorDType.F32, true, (s, d, t) -> {}));
        assertThat(out.resolve("precious.txt")).doesNotExist();
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anEmptyTargetFolderIsFine() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("empty"));
        HfExport.export(source, source, out, HfExport.Options.defaults());
        assertThat(out.resolve("config.json")).exists();
    }

    @Test
    void badInputsNameTheCulpritAndLeaveNothingBehind() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> HfExport.export(source, source, file, HfExport.Options.defaults()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("a-file");
        assertThatThrownBy(() -> HfExport.export(source, source, tmp, new HfExport.Options(TensorDType.F32, true, (s, d, t) -> {})))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("holds the source");
        assertThat(source.resolve("model.safetensors")).exists();

        Path noTokenizer = Files.createDirectories(tmp.resolve("bare"));
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), noTokenizer);
        assertThatThrownBy(() -> HfExport.export(noTokenizer, noTokenizer, tmp.resolve("out1"), HfExport.Options.defaults()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("bare").hasMessageContaining("tokenizer");

        Map<String, HostTensor> tensors = new java.util.LinkedHashMap<>(Safetensors.read(source.resolve("model.safetensors")));
        tensors.remove("visual_projection.weight");
        Safetensors.write(source.resolve("model.safetensors"), tensors.values(), Map.of(), TensorDType.F32);
        Path out2 = tmp.resolve("out2");
        assertThatThrownBy(() -> HfExport.export(source, source, out2, HfExport.Options.defaults()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("visual_projection.weight");

        HostTensor wrong = HostTensor.zeros("visual_projection.weight", 3, 3);
        tensors.put(wrong.name(), wrong);
        Safetensors.write(source.resolve("model.safetensors"), tensors.values(), Map.of(), TensorDType.F32);
        assertThatThrownBy(() -> HfExport.export(source, source, out2, HfExport.Options.defaults()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("visual_projection.weight").hasMessageContaining("shape");

        assertThat(tmp.resolve("out1")).doesNotExist();
        assertThat(out2).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void preprocessorAndTokenizerComeFromTheAssetsFolder() throws IOException {
        Path weights = Files.createDirectories(tmp.resolve("checkpoint"));
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), weights);
        Files.writeString(source.resolve("preprocessor_config.json"), "{\"crop_size\": {\"height\": 32, \"width\": 32}}");
        Path out = tmp.resolve("export");

        HfExport.Report report = HfExport.export(weights, source, out, HfExport.Options.defaults());

        assertThat(report.preprocessorDefaults()).isFalse();
        assertThat(out.resolve("preprocessor_config.json")).hasContent("{\"crop_size\": {\"height\": 32, \"width\": 32}}");
        assertThat(out.resolve("tokenizer.json")).exists();
    }

    /** Largest |difference| of image and text features between the two model folders, in one manager each. */
    private static double maxFeatureDifference(Path a, Path b) {
        Random random = new Random(3);
        float[] pixels = new float[2 * 3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        long[][] ids = {{49406, 320, 1125, 539, 320, 2368, 269, 49407}, {49406, 2368, 49407, 49407, 49407, 49407, 49407, 49407}};
        long[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0, 0, 0}};
        float[][] features = new float[4][];
        int i = 0;
        for (Path dir : List.of(a, b)) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                ClipModel model = StateDict.load(dir, manager);
                features[i++] = model.imageFeatures(manager.create(pixels, new Shape(2, 3, 32, 32))).toFloatArray();
                NDArray tokens = manager.create(ids).toType(DataType.INT64, false);
                features[i++] = model.textFeatures(tokens, manager.create(mask).toType(DataType.INT64, false)).toFloatArray();
            }
        }
        double worst = 0;
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < features[k].length; j++) {
                worst = Math.max(worst, Math.abs(features[k][j] - features[k + 2][j]));
            }
        }
        return worst;
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static void copyAll(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
