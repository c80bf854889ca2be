package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.WeightsSummary.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfWeightsTest {

    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    @Test
    void loadsAShardedCheckpointInWeightMapOrder() {
        Map<String, HostTensor> tensors = HfWeights.load(IoFixtures.path("sharded"));

        assertThat(tensors.keySet()).containsExactly("text.embed", "text.norm", "vision.proj", "vision.scale");
        JsonNode expected = IoFixtures.expected().get("sharded").get("tensors");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> want = it.next();
            IoFixtures.assertMatches(tensors.get(want.getKey()), want.getValue());
        }
    }

    @Test
    void loadsASingleFileFolderOrAFileGivenDirectly() throws IOException {
        Path model = Files.createDirectories(dir.resolve("clip"));
        Files.copy(IoFixtures.path("bf16.safetensors"), model.resolve("model.safetensors"));
        Files.writeString(model.resolve("config.json"), "{}");

        Map<String, HostTensor> fromFolder = HfWeights.load(model);
        Map<String, HostTensor> fromFile = HfWeights.load(IoFixtures.path("bf16.safetensors"));
        assertThat(fromFolder).isEqualTo(fromFile).containsOnlyKeys("edges", "values");
        IoFixtures.assertMatches(fromFolder.get("values"),
                IoFixtures.expected().get("bf16.safetensors").get("tensors").get("values"));
    }

    @Test
    void describesFromHeadersAlone() {
        WeightsSummary summary = HfWeights.describe(IoFixtures.path("sharded"));

        assertThat(summary.tensors()).extracting(TensorInfo::name)
                .containsExactly("text.embed", "text.norm", "vision.proj", "vision.scale");
        TensorInfo embed = summary.tensors().get(0);
        assertThat(embed.dtype()).isEqualTo(TensorDType.F32);
        assertThat(embed.shape()).containsExactly(6, 4);
        assertThat(embed.file().getFileName()).hasToString(SHARD_1);
        assertThat(summary.tensors().get(3).shape()).isEmpty();
        assertThat(summary.parameterCount()).isEqualTo(24 + 4 + 8 + 1);
        assertThat(summary.dtypes()).isEqualTo(Set.of(TensorDType.F32, TensorDType.BF16, TensorDType.F16));
        assertThat(summary.files()).extracting(path -> path.getFileName().toString()).containsExactly(SHARD_1, SHARD_2);
    }

    @Test
    void describesASingleFile() {
        WeightsSummary summary = HfWeights.describe(IoFixtures.path("mixed.safetensors"));
        assertThat(summary.parameterCount()).isEqualTo(4 + 4 + 3 + 3 + 3 + 4);
        assertThat(summary.dtypes()).containsExactlyInAnyOrder(TensorDType.F64, TensorDType.I32, TensorDType.I16,
                TensorDType.I8, TensorDType.U8, TensorDType.BOOL);
    }

    @Test
    void namesAMissingShardAndItsIndex() throws IOException {
        Path model = copyOfShardedFixture();
        Files.delete(model.resolve(SHARD_2));

        assertThatThrownBy(() -> HfWeights.load(model)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("shard " + SHARD_2).hasMessageContaining("model.safetensors.index.json")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> HfWeights.describe(model)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining(SHARD_2);
    }

    @Test
    void namesATensorThatItsShardLacks() throws IOException {
        Path model = copyOfShardedFixture();
        String index = Files.readString(model.resolve(HfWeights.INDEX_FILE));
        Files.writeString(model.resolve(HfWeights.INDEX_FILE),
                index.replace("\"text.norm\"", "\"text.gamma\""));

        assertThatThrownBy(() -> HfWeights.load(model)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("tensor text.gamma").hasMessageContaining("not in shard " + SHARD_1);
    }

    @Test
    void rejectsBrokenIndexes() throws IOException {
        Path model = copyOfShardedFixture();
        Path index = model.resolve(HfWeights.INDEX_FILE);
        Files.writeString(index, "{\"weight_map\": {\"w\": \"../outside.safetensors\"}}");
        assertThatThrownBy(() -> HfWeights.load(model)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("../outside.safetensors").hasMessageContaining("lies outside");
        Files.writeString(index, "{\"metadata\": {}}");
        assertThatThrownBy(() -> HfWeights.load(model)).hasMessageContaining(index + " has no weight_map");
        Files.writeString(index, "{\"weight_map\": ");
        assertThatThrownBy(() -> HfWeights.load(model)).hasMessageContaining(index + " is not valid JSON");
    }

    @Test
    void refusesPytorchPicklesWithConversionAdvice() throws IOException {
        Path model = Files.createDirectories(dir.resolve("old-model"));
        Files.write(model.resolve("pytorch_model.bin"), new byte[] {'P', 'K', 3, 4});
        Files.writeString(model.resolve("config.json"), "{}");

        assertThatThrownBy(() -> HfWeights.load(model)).isInstanceOf(DiagonalException.class)
                .hasMessage(model + " holds pytorch_model.bin only; Diagonal reads safetensors — convert with"
                        + " transformers: model.save_pretrained(dir, safe_serialization=True)");
        assertThatThrownBy(() -> HfWeights.describe(model)).hasMessageContaining("holds pytorch_model.bin only");
    }

    @Test
    void explainsMissingOrEmptyFolders() throws IOException {
        Path missing = dir.resolve("no-such-model");
        assertThatThrownBy(() -> HfWeights.load(missing)).isInstanceOf(DiagonalException.class)
                .hasMessage("model folder " + missing + " does not exist");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> HfWeights.load(empty)).isInstanceOf(DiagonalException.class)
                .hasMessage("no model.safetensors or model.safetensors.index.json in " + empty);

        Files.copy(IoFixtures.path("f16.safetensors"), empty.resolve("open_clip_model.safetensors"));
        assertThatThrownBy(() -> HfWeights.load(empty)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("found open_clip_model.safetensors");
    }

    private Path copyOfShardedFixture() throws IOException {
        Path model = Files.createDirectories(dir.resolve("sharded"));
        try (Stream<Path> files = Files.list(IoFixtures.path("sharded"))) {
            for (Path file : files.toList()) {
                Files.copy(file, model.resolve(file.getFileName().toString()));
            }
        }
        return model;
    }
}
