package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.diagonal.DiagonalException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlManifestLoadingTest {

    @TempDir
    Path dir;

    @Test
    void readsImageTextAndLabelKeysWithPathsRelativeToTheManifest() {
        TestImages.png(dir.resolve("pics/a.png"));
        TestImages.png(dir.resolve("pics/b.png"));
        Path manifest = TestImages.text(dir.resolve("pics/data.jsonl"),
                "{\"image\": \"a.png\", \"text\": \"a red apple\", \"label\": \"apple\", \"source\": \"noto\"}\n"
                        + "\n"
                        + "{\"image\": \"b.png\", \"text\": \"number\", \"label\": 7, \"tags\": [\"x\"], \"note\": null}\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.name()).isEqualTo("data");
        assertThat(dataset.samples()).containsExactly(
                new Sample(dir.resolve("pics/a.png").toAbsolutePath(), "a red apple", "apple", Map.of("source", "noto")),
                new Sample(dir.resolve("pics/b.png").toAbsolutePath(), "number", "7", Map.of("tags", "[\"x\"]")));
        assertThat(dataset.classes()).containsExactly("7", "apple");
        assertThat(dataset.report().totalRows()).isEqualTo(2);
    }

    @Test
    void badLinesAreSkippedAndCounted() {
        TestImages.png(dir.resolve("a.png"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("{\"image\": \"a.png\", \"text\": \"fine\"}\n" // 1
                + "{\"image\": \"a.png\", \"text\": \n" // 2: invalid JSON
                + "[1, 2]\n" // 3: not an object
                + "{\"image\": \"a.png\", \"text\": [\"two\", \"captions\"]}\n" // 4: nested caption
                + "{}\n" // 5
                + "{\"text\": \"no image\"}\n" // 6
                + "{\"image\": \"a.png\", \"text\": \"fine\"}\n" // 7: duplicate
                + "{\"image\": \"a.png\", \"text\": \"na").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28}); // 8: invalid two-byte sequence
        bytes.writeBytes("\"}\n{\"image\": \"b.png\", \"text\": \"\"}\n".getBytes(StandardCharsets.UTF_8)); // 9
        Path manifest = TestImages.bytes(dir.resolve("data.jsonl"), bytes.toByteArray());

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.samples()).hasSize(1);
        assertThat(dataset.report().totalRows()).isEqualTo(9);
        assertThat(dataset.report().examples())
                .extracting(ValidationReport.Issue::kind, ValidationReport.Issue::line)
                .containsExactly(
                        tuple(ProblemKind.MISSING_IMAGE, 6),
                        tuple(ProblemKind.EMPTY_CAPTION, 9),
                        tuple(ProblemKind.DUPLICATE_ROW, 7),
                        tuple(ProblemKind.BAD_ENCODING, 8),
                        tuple(ProblemKind.BAD_LINE, 2),
                        tuple(ProblemKind.BAD_LINE, 3),
                        tuple(ProblemKind.BAD_LINE, 4),
                        tuple(ProblemKind.BAD_LINE, 5));
        assertThat(dataset.report().summary())
                .contains("line 4: 'text' is not plain text")
                .contains("line 3: not a JSON object")
                .contains("line 2: invalid JSON");
    }

    @Test
    void fileOfOnlyBadLinesLoadsAsUnusable() {
        Path manifest = TestImages.text(dir.resolve("data.jsonl"), "not json\n{oops\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.report().isUsable()).isFalse();
        assertThat(dataset.report().count(ProblemKind.BAD_LINE)).isEqualTo(2);
    }

    @Test
    void objectsWithoutAnImageKeyAreRefusedListingTheKeys() {
        Path manifest = TestImages.text(dir.resolve("data.jsonl"), "{\"url\": \"x\", \"text\": \"y\"}\n");

        assertThatThrownBy(() -> DatasetLoader.load(manifest))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith(manifest + ": no image column (found: url, text;");
    }
}
