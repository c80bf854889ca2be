package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    @TempDir
    Path tmp;

    private Path modelDir(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"projection_dim\": 512}");
        byte[] weights = new byte[300_000];
        new Random(seed).nextBytes(weights);
        Files.write(dir.resolve("model.safetensors"), weights);
        Files.writeString(dir.resolve("README.md"), "not part of the fingerprint");
        return dir;
    }

    @Test
    void modelFingerprintIsDeterministicAndIndependentOfLocation() throws IOException {
        Fingerprint a = Fingerprint.ofModelDir(modelDir(tmp.resolve("a"), 1));
        Fingerprint again = Fingerprint.ofModelDir(tmp.resolve("a"));
        Fingerprint copy = Fingerprint.ofModelDir(modelDir(tmp.resolve("elsewhere/b"), 1));

        assertThat(again).isEqualTo(a);
        assertThat(copy.sha256()).isEqualTo(a.sha256());
        assertThat(copy.sameContentAs(a)).isTrue();
        assertThat(copy.path()).isNotEqualTo(a.path());
        assertThat(a.sha256()).hasSize(64).matches("[0-9a-f]+");
        assertThat(a.files()).isEqualTo(2);
        assertThat(a.bytes()).isEqualTo(300_000 + "{\"projection_dim\": 512}".length());
        assertThat(a.kind()).isEqualTo(Fingerprint.MODEL);
        assertThat(a.basis()).isEqualTo(Fingerprint.CONTENT);
    }

    @Test
    void oneFlippedWeightByteChangesTheModelFingerprint() throws IOException {
        Path dir = modelDir(tmp.resolve("m"), 2);
        Fingerprint before = Fingerprint.ofModelDir(dir);
        byte[] weights = Files.readAllBytes(dir.resolve("model.safetensors"));
        weights[123_456] ^= 1;
        Files.write(dir.resolve("model.safetensors"), weights);

        assertThat(Fingerprint.ofModelDir(dir).sha256()).isNotEqualTo(before.sha256());
    }

    @Test
    void configChangeAndRenamedWeightsChangeItButReadmeAndMtimeDoNot() throws IOException {
        Path dir = modelDir(tmp.resolve("m"), 3);
        String before = Fingerprint.ofModelDir(dir).sha256();

        Files.writeString(dir.resolve("README.md"), "edited");
        Files.setLastModifiedTime(dir.resolve("model.safetensors"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertThat(Fingerprint.ofModelDir(dir).sha256()).isEqualTo(before);

        Files.writeString(dir.resolve("config.json"), "{\"projection_dim\": 768}");
        String afterConfig = Fingerprint.ofModelDir(dir).sha256();
        assertThat(afterConfig).isNotEqualTo(before);

        Files.move(dir.resolve("model.safetensors"), dir.resolve("pytorch_model.bin"));
        assertThat(Fingerprint.ofModelDir(dir).sha256()).isNotEqualTo(afterConfig);
    }

    @Test
    void folderWithoutModelFilesIsRejected() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> Fingerprint.ofModelDir(tmp)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("no config.json or weight files in");
    }

    private Path dataset(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cats"));
        Files.createDirectories(dir.resolve("dogs"));
        Files.write(dir.resolve("cats/1.jpg"), new byte[100]);
        Files.write(dir.resolve("cats/2.jpg"), new byte[200]);
        Files.write(dir.resolve("dogs/1.jpg"), new byte[300]);
        Files.writeString(dir.resolve(".DS_Store"), "hidden");
        return dir;
    }

    @Test
    void datasetFolderFingerprintUsesPathsAndSizesOnly() throws IOException {
        Path dir = dataset(tmp.resolve("d"));
        Fingerprint before = Fingerprint.ofDataset(dir);
        assertThat(before.basis()).isEqualTo(Fingerprint.LISTING);
        assertThat(before.files()).isEqualTo(3);
        assertThat(before.bytes()).isEqualTo(600);
        assertThat(Fingerprint.ofDataset(dataset(tmp.resolve("copy"))).sha256()).isEqualTo(before.sha256());

        byte[] sameSize = new byte[100];
        sameSize[0] = 42;
        Files.write(dir.resolve("cats/1.jpg"), sameSize);
        Files.setLastModifiedTime(dir.resolve("dogs/1.jpg"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        Files.writeString(dir.resolve(".hidden-cache"), "ignored");
        assertThat(Fingerprint.ofDataset(dir).sha256()).as("content-free and mtime-free").isEqualTo(before.sha256());

        Files.write(dir.resolve("cats/1.jpg"), new byte[101]);
        String resized = Fingerprint.ofDataset(dir).sha256();
        assertThat(resized).isNotEqualTo(before.sha256());

        Files.write(dir.resolve("dogs/2.jpg"), new byte[1]);
        assertThat(Fingerprint.ofDataset(dir).sha256()).isNotEqualTo(resized);
    }

    @Test
    void manifestFingerprintHashesItsContent() throws IOException {
        Path manifest = tmp.resolve("train.csv");
        Files.writeString(manifest, "image,caption\na.jpg,a cat\n");
        Fingerprint before = Fingerprint.ofDataset(manifest);
        assertThat(before.basis()).isEqualTo(Fingerprint.CONTENT);
        assertThat(Fingerprint.ofDataset(manifest)).isEqualTo(before);

        Files.writeString(manifest, "image,caption\na.jpg,a dog\n");
        assertThat(Fingerprint.ofDataset(manifest).sha256()).isNotEqualTo(before.sha256());
        assertThatThrownBy(() -> Fingerprint.ofDataset(tmp.resolve("missing"))).hasMessageContaining("no dataset at");
    }
}
