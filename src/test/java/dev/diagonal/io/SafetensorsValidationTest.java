package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of broken safetensors file yields a {@link DiagonalException} that names the file (and tensor). */
class SafetensorsValidationTest {

    @TempDir
    Path dir;

    static Stream<Arguments> badHeaders() {
        String ok = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        return Stream.of(
                arguments("not JSON", "{\"w\": {dtype", 8, "header is not valid JSON"),
                arguments("trailing garbage", "{} trailing", 0, "header is not valid JSON"),
                arguments("duplicate tensor", "{\"w\":" + ok + ",\"w\":" + ok + "}", 8, "Duplicate field 'w'"),
                arguments("array", "[1, 2]", 0, "header is not a JSON object"),
                arguments("empty header", "", 0, "header is not a JSON object"),
                arguments("entry not object", "{\"w\": 5}", 0, "tensor w in"),
                arguments("missing dtype", "{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "missing dtype"),
                arguments("unknown dtype", "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 8,
                        "unsupported dtype F8_E4M3 for tensor w in "),
                arguments("shape vs span", "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
                        "tensor w in"),
                arguments("negative size", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8,
                        "shape is not a list of sizes"),
                arguments("shape overflow", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],"
                        + "\"data_offsets\":[0,8]}}", 8, "is too large"),
                arguments("negative offset", "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[-4,0]}}", 8,
                        "data_offsets is not a pair"),
                arguments("fractional offset", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.0]}}", 8,
                        "data_offsets is not a pair"),
                arguments("single offset", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8]}}", 8,
                        "data_offsets is not a pair"),
                arguments("reversed offsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8,
                        "end before they begin"),
                arguments("past end of data", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8,
                        "is truncated: tensor w ends at data byte 16 but the data section holds 8 bytes"),
                arguments("offsets out of range", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":"
                        + "[9223372036854775800,9223372036854775804]}}", 8, "tensor w ends at data byte"),
                arguments("overlap", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                        "tensors a and b in"),
                arguments("metadata not strings", "{\"__metadata__\":{\"epoch\":3}}", 0,
                        "__metadata__ value of epoch is not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void rejectsBadHeaders(String caseName, String header, int dataBytes, String expectedMessage) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = craft(caseName.replace(' ', '_') + ".safetensors", json.length, json, dataBytes);
        assertRejected(file, expectedMessage);
    }

    @Test
    void rejectsFilesShorterThanTheLengthField() throws IOException {
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertRejected(empty, "is not a safetensors file: only 0 bytes");
        assertRejected(tiny, "is not a safetensors file: only 3 bytes");
    }

    @Test
    void rejectsHeaderLengthsPastTheEndOfTheFile() throws IOException {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        assertRejected(craft("lying.safetensors", 1000, json, 0),
                "is truncated: header length 1000 runs past the end of the file (10 bytes)");
        assertRejected(craft("huge.safetensors", 5_000_000_000L, json, 0), "header length 5000000000 is absurdly large");
        assertRejected(craft("negative.safetensors", -1L, json, 0), "header length 18446744073709551615 is absurdly large");
    }

    @Test
    void rejectsAZipPickleAsNotSafetensors() throws IOException {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};
        assertRejected(Files.write(dir.resolve("pytorch_model.bin"), zip), "is not a safetensors file");
    }

    @Test
    void rejectsATruncatedDataSection() throws IOException {
        byte[] full = Files.readAllBytes(IoFixtures.path("f32.safetensors"));
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(full, full.length - 10));
        assertRejected(cut, "is truncated: tensor specials ends at data byte");
    }

    @Test
    void namesMissingFilesAndFolders() throws IOException {
        Path missing = dir.resolve("nope.safetensors");
        assertRejected(missing, "does not exist");
        Path folder = Files.createDirectories(dir.resolve("folder.safetensors"));
        assertRejected(folder, "is a folder");
    }

    private void assertRejected(Path file, String expectedMessage) {
        assertThatThrownBy(() -> Safetensors.readHeader(file)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(expectedMessage);
        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(expectedMessage);
    }

    private Path craft(String name, long declaredLength, byte[] header, int dataBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(declaredLength).put(header);
        Path file = Files.write(dir.resolve(name), buffer.array());
        assertThat(file).exists();
        return file;
    }
}
