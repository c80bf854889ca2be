package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.SafetensorsHeader.TensorEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsTest {

    private static final Map<String, String> METADATA = Map.of("format", "pt");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"f32.safetensors", "f16.safetensors", "bf16.safetensors", "i64.safetensors",
        "mixed.safetensors"})
    void readsPythonWrittenFilesExactly(String fileName) {
        JsonNode expected = IoFixtures.expected().get(fileName);
        Map<String, HostTensor> tensors = Safetensors.read(IoFixtures.path(fileName));

        List<String> expectedNames = new ArrayList<>();
        expected.get("tensors").fieldNames().forEachRemaining(expectedNames::add);
        assertThat(tensors.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames);
        List<Long> begins = Safetensors.readHeader(IoFixtures.path(fileName)).tensors().values().stream()
                .map(TensorEntry::begin).toList();
        assertThat(tensors.keySet()).containsExactlyElementsOf(
                Safetensors.readHeader(IoFixtures.path(fileName)).tensors().keySet());
        assertThat(begins).as("Python lists tensors in data order").isSorted();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("tensors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> want = it.next();
            HostTensor got = tensors.get(want.getKey());
            assertThat(got.name()).isEqualTo(want.getKey());
            IoFixtures.assertMatches(got, want.getValue());
        }
        assertThat(Safetensors.readHeader(IoFixtures.path(fileName)).metadata()).isEqualTo(METADATA);
    }

    @Test
    void headerDescribesTensorsWithoutReadingThem() {
        SafetensorsHeader header = Safetensors.readHeader(IoFixtures.path("f32.safetensors"));
        TensorEntry weight = header.tensors().get("encoder.weight");
        assertThat(weight.dtype()).isEqualTo(TensorDType.F32);
        assertThat(weight.shape()).containsExactly(3, 4);
        assertThat(weight.byteLength()).isEqualTo(48);
        assertThat(header.tensors().get("logit_scale").shape()).isEmpty();
        assertThat(header.tensors().get("empty").numel()).isZero();
        assertThat(header.parameterCount()).isEqualTo(12 + 4 + 1 + 0 + 5 + 11);
        assertThat(header.dataStart() % 8).isZero();
        assertThat(header.dataStart() + header.dataLength()).isEqualTo(fileSize(IoFixtures.path("f32.safetensors")));
    }

    @Test
    void roundTripsF32Exactly() {
        List<HostTensor> tensors = sampleTensors();
        Path file = dir.resolve("out.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"), TensorDType.F32);

        Map<String, HostTensor> back = Safetensors.read(file);
        assertThat(back.keySet()).containsExactly("a.scalar", "b.empty", "c.matrix", "d.specials");
        for (HostTensor tensor : tensors) {
            assertThat(back.get(tensor.name())).isEqualTo(tensor);
        }
        assertThat(Safetensors.readHeader(file).metadata()).containsExactly(Map.entry("format", "pt"));
    }

    @Test
    void roundTripsF16WithNearestEvenRounding() {
        Path file = dir.resolve("half.safetensors");
        Safetensors.write(file, sampleTensors(), null, TensorDType.F16);

        Map<String, HostTensor> back = Safetensors.read(file);
        for (HostTensor tensor : sampleTensors()) {
            HostTensor read = back.get(tensor.name());
            assertThat(read.sourceType()).isEqualTo(TensorDType.F16);
            assertThat(read.shape()).containsExactly(tensor.shape());
            for (int i = 0; i < tensor.data().length; i++) {
                float expected = Float16.toFloat(Float16.fromFloat(tensor.data()[i]));
                assertThat(read.data()[i]).isEqualTo(expected);
            }
        }
        assertThat(back.get("d.specials").data()).containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                -0.0f, Float.POSITIVE_INFINITY, 0.0f, 65504f);
        assertThat(Safetensors.readHeader(file).metadata()).isEmpty();
    }

    @Test
    void writesAlignedSortedSpacePaddedHeaders() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        List<HostTensor> tensors = List.of(HostTensor.of("zeta", new float[] {1}, 1),
                HostTensor.of("alpha", new float[] {2, 3, 4}, 3));
        Safetensors.write(file, tensors, Map.of("b", "2", "a", "1"), TensorDType.F32);

        byte[] raw = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat((8 + headerLength) % 8).isZero();
        String header = new String(raw, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"__metadata__\":{\"a\":\"1\",\"b\":\"2\"},\"alpha\":");
        assertThat(header.strip()).endsWith("}");
        assertThat(header.substring(header.lastIndexOf('}') + 1)).matches(" *");
        assertThat(header).contains("\"alpha\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}")
                .contains("\"zeta\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}");
        assertThat(raw.length).isEqualTo(8 + headerLength + 16);
    }

    /**
     * Writes the F32 fixture back as F32 and F16. With {@code -Ddiagonal.io.javaWrittenDir=DIR} the files
     * go to DIR, where {@code make_io_fixtures.py --verify-java DIR} checks them with Python's safetensors.
     */
    @Test
    void rewritesThePythonFixtureForPythonToCheck() throws IOException {
        String target = System.getProperty("diagonal.io.javaWrittenDir");
        Path out = target == null ? dir : Files.createDirectories(Path.of(target));
        Map<String, HostTensor> source = Safetensors.read(IoFixtures.path("f32.safetensors"));
        Safetensors.write(out.resolve("java_f32.safetensors"), source.values(), METADATA, TensorDType.F32);
        Safetensors.write(out.resolve("java_f16.safetensors"), source.values(), METADATA, TensorDType.F16);

        assertThat(dataSection(out.resolve("java_f32.safetensors")))
                .as("same tensor order and bytes as Python's writer")
                .isEqualTo(dataSection(IoFixtures.path("f32.safetensors")));
        Map<String, HostTensor> f32 = Safetensors.read(out.resolve("java_f32.safetensors"));
        source.forEach((name, tensor) -> assertThat(f32.get(name).data()).isEqualTo(tensor.data()));
        HostTensor probe = Safetensors.read(out.resolve("java_f16.safetensors")).get("f16_probe");
        assertThat(probe.data()).containsExactly(1.0f, 1.001953125f, 65504f, Float.POSITIVE_INFINITY,
                Float.POSITIVE_INFINITY, 0f, 1.1920929E-7f, 1.1920929E-7f, 6.1035156E-5f, -0.099975586f,
                0.33325195f);
    }

    @Test
    void rejectsBadArguments() {
        Path file = dir.resolve("x.safetensors");
        HostTensor one = HostTensor.scalar("w", 1f);
        assertThatThrownBy(() -> Safetensors.write(file, List.of(one), Map.of(), TensorDType.BF16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Safetensors.write(file, List.of(one, one), Map.of(), TensorDType.F32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w");
        assertThatThrownBy(() -> HostTensor.of("bad", new float[3], 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
        assertThat(file).doesNotExist();
    }

    @Test
    void atomicWriteLeavesNoTempFileAndKeepsTheTargetWhenTheWriterFails() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, sampleTensors(), Map.of(), TensorDType.F32);
        byte[] before = Files.readAllBytes(file);
        assertThat(listing()).containsExactly("model.safetensors");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).isInstanceOf(DiagonalException.class).hasMessageContaining(file.toString()).hasMessageContaining("disk full");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("model.safetensors");

        Path occupied = Files.createDirectories(dir.resolve("occupied.safetensors"));
        Files.writeString(occupied.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> Safetensors.write(occupied, sampleTensors(), Map.of(), TensorDType.F16))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("occupied.safetensors");
        assertThat(occupied.resolve("keep.txt")).hasContent("x");
        assertThat(listing()).containsExactly("model.safetensors", "occupied.safetensors");
    }

    @Test
    void writtenFilesGetOrdinaryPermissions() throws IOException {
        Path written = dir.resolve("written.safetensors");
        Safetensors.write(written, sampleTensors(), Map.of(), TensorDType.F32);
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        assumeTrue(plain.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<HostTensor> sampleTensors() {
        Random random = new Random(42);
        float[] matrix = new float[3 * 5];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian() * 10;
        }
        float[] specials = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 1e6f, 1e-9f, 65504f};
        return List.of(HostTensor.of("c.matrix", matrix, 3, 5), HostTensor.scalar("a.scalar", 2.6592f),
                HostTensor.zeros("b.empty", 0, 4), HostTensor.of("d.specials", specials, 6));
    }

    static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] dataSection(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        int start = (int) Safetensors.readHeader(file).dataStart();
        return java.util.Arrays.copyOfRange(raw, start, raw.length);
    }
}
