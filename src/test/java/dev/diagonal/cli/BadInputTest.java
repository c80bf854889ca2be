package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.Fixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input: exit code 1, one short line naming the culprit, no stack trace, nothing at --out. */
class BadInputTest {

    @TempDir
    Path tmp;

    private Path model;
    private Path out;
    private Path goodImage;

    @BeforeEach
    void setUp() {
        model = CliRunner.tinyModel(tmp.resolve("model"));
        out = tmp.resolve("out.json");
        goodImage = Fixtures.path("e2e/images/wide.png");
    }

    private void assertFails(String[] args, String... culprits) {
        CliRunner.Outcome outcome = CliRunner.run(args);
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("diagonal: ").contains(culprits).doesNotContain("\tat ", "Exception");
        assertThat(outcome.err().strip().lines().count()).isLessThanOrEqualTo(2);
        assertThat(out).doesNotExist();
    }

    private String[] embed(String image) {
        return new String[] {"embed", "--model", model.toString(), "--image", image, "--text", "a cat", "--out", out.toString()};
    }

    @Test
    void missingModelFolder() {
        model = tmp.resolve("nowhere");
        assertFails(embed(goodImage.toString()), "nowhere");
    }

    @Test
    void missingConfig() throws IOException {
        Files.delete(model.resolve("config.json"));
        assertFails(embed(goodImage.toString()), "config.json");
    }

    @Test
    void missingWeights() throws IOException {
        Files.delete(model.resolve("model.safetensors"));
        assertFails(embed(goodImage.toString()), "model");
    }

    @Test
    void configThatDoesNotMatchTheWeightsNamesTensorAndShapes() throws IOException {
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"intermediate_size\": 37", "\"intermediate_size\": 38"));
        assertFails(embed(goodImage.toString()), "text_model.encoder.layers.0.mlp.fc1", "(37, 32)", "(38, 32)");
    }

    @Test
    void truncatedWeights() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(model.resolve("model.safetensors").toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        assertFails(embed(goodImage.toString()), "model.safetensors");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws IOException {
        writeSafetensors(Long.MAX_VALUE / 2, "{}");
        assertFails(embed(goodImage.toString()), "model.safetensors");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        writeSafetensors(-1, "{\"logit_scale\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4000]}}");
        assertFails(embed(goodImage.toString()), "model.safetensors", "logit_scale");
    }

    @Test
    void unsupportedDtype() throws IOException {
        writeSafetensors(-1, "{\"logit_scale\":{\"dtype\":\"F8_E4M3\",\"shape\":[],\"data_offsets\":[0,1]}}");
        assertFails(embed(goodImage.toString()), "F8_E4M3", "logit_scale");
    }

    @Test
    void corruptImage() throws IOException {
        Path bad = tmp.resolve("photo.png");
        Files.writeString(bad, "this is not a picture");
        assertFails(embed(bad.toString()), "photo.png");
    }

    @Test
    void emptyImage() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.jpg"));
        assertFails(embed(empty.toString()), "empty.jpg");
    }

    @Test
    void missingImage() {
        assertFails(embed(tmp.resolve("ghost.webp").toString()), "ghost.webp");
    }

    @Test
    void badImageInPreprocessAndMissingModelInTokenize() throws IOException {
        Path bad = tmp.resolve("bad.gif");
        Files.write(bad, new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 2});
        assertFails(new String[] {"preprocess", "--model", model.toString(), "--image", bad.toString(), "--out", out.toString()}, "bad.gif");
        assertFails(new String[] {"tokenize", "--model", tmp.resolve("void").toString(), "--text", "x", "--out", out.toString()}, "void");
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRunner.Outcome outcome = CliRunner.run("embed", "--model", model.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--out");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRunner.Outcome outcome = CliRunner.run("embed", "--model", tmp.resolve("nowhere").toString(), "--text", "x",
                "--out", out.toString(), "--verbose");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("\tat ");
    }

    /** A safetensors file whose header says {@code header}; its stated header length is {@code statedLength} (or true). */
    private void writeSafetensors(long statedLength, String header) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(statedLength < 0 ? json.length : statedLength).put(json);
        Files.write(model.resolve("model.safetensors"), buffer.array());
    }
}
