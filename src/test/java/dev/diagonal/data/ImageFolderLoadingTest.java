package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoadingTest {

    @TempDir
    Path root;

    @Test
    void readsOneClassPerSubfolderInSortedOrder() {
        TestImages.png(root.resolve("zebra/b.png"));
        TestImages.png(root.resolve("zebra/a.png"));
        TestImages.write(root.resolve("golden_retriever/one.JPG"), 16, 1);
        TestImages.write(root.resolve("golden_retriever/nested/two.bmp"), 16, 2);
        TestImages.write(root.resolve("ant-eater/x.gif"), 16, 3);

        Dataset dataset = DatasetLoader.load(root);

        assertThat(dataset.name()).isEqualTo(root.getFileName().toString());
        assertThat(dataset.classes()).containsExactly("ant-eater", "golden_retriever", "zebra");
        assertThat(dataset.samples()).extracting(s -> root.relativize(s.image()).toString())
                .containsExactly("ant-eater/x.gif", "golden_retriever/nested/two.bmp", "golden_retriever/one.JPG",
                        "zebra/a.png", "zebra/b.png");
        assertThat(dataset.samples()).allSatisfy(s -> {
            assertThat(s.caption()).isNull();
            assertThat(s.image()).isAbsolute();
        });
        assertThat(dataset.samples().get(1).label()).isEqualTo("golden_retriever");
        assertThat(dataset.hasLabels()).isTrue();
        assertThat(dataset.hasCaptions()).isFalse();
        assertThat(dataset.classCounts()).containsExactly(
                java.util.Map.entry("ant-eater", 1), java.util.Map.entry("golden_retriever", 2),
                java.util.Map.entry("zebra", 2));
        assertThat(dataset.report().totalRows()).isEqualTo(5);
        assertThat(dataset.report().validRows()).isEqualTo(5);
        assertThat(dataset.report().problems()).isEmpty();
    }

    @Test
    void ignoresHiddenFilesAndFoldersAndNotesOtherFiles() {
        TestImages.png(root.resolve("cat/a.png"));
        TestImages.png(root.resolve("cat/.hidden.png"));
        TestImages.png(root.resolve("cat/.thumbs/b.png"));
        TestImages.png(root.resolve(".git/c.png"));
        TestImages.text(root.resolve("cat/notes.txt"), "hello");
        TestImages.text(root.resolve("empty/readme.md"), "nothing here");
        TestImages.png(root.resolve("loose.png"));

        Dataset dataset = DatasetLoader.load(root);

        assertThat(dataset.classes()).containsExactly("cat");
        assertThat(dataset.samples()).extracting(s -> s.image().getFileName().toString()).containsExactly("a.png");
        assertThat(dataset.report().notes()).containsExactly(
                "ignored folders without images: empty",
                "ignored 1 images outside class folders",
                "ignored 2 files that are not images");
    }

    @Test
    void countsCorruptAndEmptyImagesAndKeepsTheirClass() {
        TestImages.png(root.resolve("cat/good.png"));
        Path corrupt = TestImages.garbage(root.resolve("cat/corrupt.jpg"));
        Path empty = TestImages.bytes(root.resolve("dog/empty.png"), new byte[0]);

        Dataset dataset = DatasetLoader.load(root);

        assertThat(dataset.samples()).hasSize(1);
        assertThat(dataset.classes()).containsExactly("cat", "dog");
        assertThat(dataset.classCounts()).containsEntry("cat", 1).containsEntry("dog", 0);
        ValidationReport report = dataset.report();
        assertThat(report.totalRows()).isEqualTo(3);
        assertThat(report.count(ProblemKind.UNREADABLE_IMAGE)).isEqualTo(2);
        assertThat(report.examples()).extracting(ValidationReport.Issue::file)
                .containsExactlyInAnyOrder(corrupt.toAbsolutePath().toString(), empty.toAbsolutePath().toString());
        assertThat(report.examples()).extracting(ValidationReport.Issue::detail)
                .containsExactlyInAnyOrder("not a supported image format", "file is empty");
        assertThat(report.isUsable()).isTrue();
    }

    @Test
    void folderOfLooseImagesIsRefusedWithAHint() {
        TestImages.png(root.resolve("a.png"));
        TestImages.png(root.resolve("b.png"));

        assertThatThrownBy(() -> DatasetLoader.load(root))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("2 images lie directly in it");
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = root.resolve("nope");
        assertThatThrownBy(() -> DatasetLoader.load(missing))
                .isInstanceOf(DiagonalException.class)
                .hasMessage("dataset not found: " + missing);
    }

    @Test
    void folderWhoseImagesAreAllBrokenIsRefusedByRequireUsable() {
        TestImages.garbage(root.resolve("cat/a.png"));

        Dataset dataset = DatasetLoader.load(root);

        assertThat(dataset.report().isUsable()).isFalse();
        assertThatThrownBy(() -> DatasetLoader.requireUsable(dataset))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("no usable samples in " + root)
                .hasMessageContaining("unreadable image: 1")
                .hasMessageContaining("nothing valid left");
    }

    @Test
    void imageExtensionsAreRecognisedCaseInsensitively() {
        assertThat(List.of("a.png", "a.JPG", "a.jpeg", "a.Gif", "a.bmp", "a.WEBP"))
                .allMatch(name -> ImageFolderReader.isImage(Path.of(name)));
        assertThat(List.of("a.txt", "png", "a.tiff", "a.png.bak")).noneMatch(name -> ImageFolderReader.isImage(Path.of(name)));
    }
}
