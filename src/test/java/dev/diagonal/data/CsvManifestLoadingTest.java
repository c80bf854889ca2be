package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvManifestLoadingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {",", "\t", ";", "|"})
    void sniffsTheDelimiterFromTheHeader(String delimiter) {
        TestImages.png(dir.resolve("img/a.png"));
        TestImages.png(dir.resolve("img/b.png"));
        String d = delimiter;
        Path manifest = TestImages.text(dir.resolve("data.csv"),
                "filepath" + d + "title\n"
                        + "img/a.png" + d + "\"a cat, sitting; on a mat | or\ttwo\"\n"
                        + "img/b.png" + d + "a dog\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.samples()).extracting(Sample::caption)
                .containsExactly("a cat, sitting; on a mat | or\ttwo", "a dog");
        assertThat(dataset.report().problems()).isEmpty();
    }

    @Test
    void readsOpenClipColumnsWithRelativeAndAbsolutePaths() {
        Path images = dir.resolve("images");
        TestImages.png(images.resolve("a.png"));
        Path absolute = TestImages.png(dir.resolve("elsewhere/b.png")).toAbsolutePath();
        Path manifest = TestImages.text(dir.resolve("meta/train.csv"),
                "filepath,title\n../images/a.png,first\n" + absolute + ",second\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.name()).isEqualTo("train");
        assertThat(dataset.samples()).extracting(Sample::image)
                .containsExactly(images.resolve("a.png").toAbsolutePath().normalize(), absolute);
        assertThat(dataset.hasCaptions()).isTrue();
        assertThat(dataset.hasLabels()).isFalse();
        assertThat(dataset.classes()).isEmpty();
    }

    @Test
    void readsHuggingFaceRunClipColumnsFromTsv() {
        TestImages.png(dir.resolve("a.png"));
        Path manifest = TestImages.text(dir.resolve("train.tsv"), "id\timage_path\tcaption\n7\ta.png\ta photo\n");

        Sample sample = DatasetLoader.load(manifest).samples().get(0);

        assertThat(sample.caption()).isEqualTo("a photo");
        assertThat(sample.label()).isNull();
        assertThat(sample.extra()).containsExactly(Map.entry("id", "7"));
    }

    @Test
    void readsCaptionLabelManifestsKeepingOtherColumnsAsExtra() {
        TestImages.png(dir.resolve("e/1.png"));
        TestImages.png(dir.resolve("e/2.png"));
        TestImages.png(dir.resolve("e/3.png"));
        Path manifest = TestImages.text(dir.resolve("emoji.txt"),
                "FilePath,Caption,Label,Category\r\n"
                        + "e/2.png,grinning face,grinning,Smileys\r\n"
                        + "e/1.png,red apple,apple,Food\r\n"
                        + "e/3.png,green apple,apple,Food\r\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.samples()).extracting(Sample::label).containsExactly("grinning", "apple", "apple");
        assertThat(dataset.samples().get(0).extra()).containsExactly(Map.entry("Category", "Smileys"));
        assertThat(dataset.classes()).containsExactly("apple", "grinning");
        assertThat(dataset.classCounts()).containsExactly(Map.entry("apple", 2), Map.entry("grinning", 1));
        assertThat(dataset.report().classCounts()).isEqualTo(dataset.classCounts());
    }

    @Test
    void quotedFieldsMayHoldQuotesAndLineBreaks() {
        TestImages.png(dir.resolve("a.png"));
        TestImages.png(dir.resolve("b.png"));
        Path manifest = TestImages.text(dir.resolve("data.csv"),
                "\uFEFFimage,caption\n\"a.png\",\"she said \"\"hi\"\"\nthen left\"\nb.png,plain\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.samples()).extracting(Sample::caption)
                .containsExactly("she said \"hi\"\nthen left", "plain");
    }

    @Test
    void badRowsAreSkippedCountedAndLocated() {
        TestImages.png(dir.resolve("ok1.png"));
        TestImages.png(dir.resolve("ok2.png"));
        TestImages.garbage(dir.resolve("corrupt.png"));
        TestImages.truncated(dir.resolve("cut.png"), 0.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("filepath,caption\n" // line 1
                + "ok1.png,one\n" // 2
                + "missing.png,gone\n" // 3
                + "corrupt.png,bad bytes\n" // 4
                + "ok2.png,   \n" // 5: empty caption
                + "ok1.png,one\n" // 6: duplicate of line 2
                + "ok2.png,caf").getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // 7: Latin-1 é, not UTF-8
        bytes.writeBytes(("\n"
                + "ok2.png,two,extra\n" // 8: too many fields
                + "\n" // blank: not a row
                + ",no image\n" // 10
                + "cut.png,truncated pixels\n" // 11
                + "ok2.png,two\n").getBytes(StandardCharsets.UTF_8)); // 12
        Path manifest = TestImages.bytes(dir.resolve("data.csv"), bytes.toByteArray());

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.samples()).extracting(Sample::caption).containsExactly("one", "two");
        ValidationReport report = dataset.report();
        assertThat(report.totalRows()).isEqualTo(10);
        assertThat(report.validRows()).isEqualTo(2);
        assertThat(report.problems()).containsExactly(
                Map.entry(ProblemKind.MISSING_IMAGE, 2),
                Map.entry(ProblemKind.UNREADABLE_IMAGE, 2),
                Map.entry(ProblemKind.EMPTY_CAPTION, 1),
                Map.entry(ProblemKind.DUPLICATE_ROW, 1),
                Map.entry(ProblemKind.BAD_ENCODING, 1),
                Map.entry(ProblemKind.BAD_LINE, 1));
        assertThat(report.examples()).extracting(ValidationReport.Issue::kind, ValidationReport.Issue::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.MISSING_IMAGE, 3),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.MISSING_IMAGE, 10),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.UNREADABLE_IMAGE, 4),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.UNREADABLE_IMAGE, 11),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.EMPTY_CAPTION, 5),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.DUPLICATE_ROW, 6),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.BAD_ENCODING, 7),
                        org.assertj.core.groups.Tuple.tuple(ProblemKind.BAD_LINE, 8));
        assertThat(report.summary())
                .contains("line 7: not UTF-8 (byte 0xE9 at byte 12 of the line)")
                .contains("line 6: same as line 2")
                .contains("line 3: " + dir.resolve("missing.png").toAbsolutePath() + ": file not found")
                .contains("line 8: 3 fields where the header has 2");
    }

    @Test
    void anImagePathTheFileSystemRejectsIsABadLine() {
        TestImages.png(dir.resolve("a.png"));
        Path manifest = TestImages.text(dir.resolve("data.csv"), "image,caption\na\u0000.png,nul\na.png,fine\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.samples()).extracting(Sample::caption).containsExactly("fine");
        assertThat(dataset.report().examples()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(ProblemKind.BAD_LINE);
            assertThat(issue.line()).isEqualTo(2);
            assertThat(issue.detail()).startsWith("invalid image path");
        });
    }

    @Test
    void manifestWithoutTheNeededColumnsListsWhatItFoundAndAccepts() {
        Path manifest = TestImages.text(dir.resolve("data.csv"), "url,text\nhttp://x/a.png,hello\n");

        assertThatThrownBy(() -> DatasetLoader.load(manifest))
                .isInstanceOf(DiagonalException.class)
                .hasMessage(manifest + ": no image column (found: url, text; accepted: filepath, image_path, image,"
                        + " file_name, filename, file, path, img)");
    }

    @Test
    void manifestWithImagesButNoTextColumnIsRefused() {
        Path manifest = TestImages.text(dir.resolve("data.csv"), "filepath,width\na.png,3\n");

        assertThatThrownBy(() -> DatasetLoader.load(manifest))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith(manifest + ": no caption or label column (found: filepath, width;");
    }

    @Test
    void configuredColumnsOverrideTheDefaultsCaseInsensitively() {
        TestImages.png(dir.resolve("a.png"));
        Path manifest = TestImages.text(dir.resolve("data.csv"), "Pic,Words,Label,Kind\na.png,hello,x,k1\n");

        Dataset dataset = DatasetLoader.load(manifest,
                ColumnMapping.auto().withImage("pic").withCaption("WORDS").withLabel("kind"),
                DatasetLoader.Options.defaults());

        assertThat(dataset.samples().get(0)).isEqualTo(
                new Sample(dir.resolve("a.png").toAbsolutePath(), "hello", "k1", Map.of("Label", "x")));
    }

    @Test
    void aConfiguredColumnThatIsAbsentIsNamed() {
        Path manifest = TestImages.text(dir.resolve("data.csv"), "filepath,caption\na.png,hi\n");

        assertThatThrownBy(() -> DatasetLoader.load(manifest, ColumnMapping.auto().withLabel("species"),
                DatasetLoader.Options.defaults()))
                .isInstanceOf(DiagonalException.class)
                .hasMessage(manifest + ": no label column (found: filepath, caption; accepted: 'species' (as configured))");
    }

    @Test
    void anEmptyNameTurnsARoleOff() {
        TestImages.png(dir.resolve("a.png"));
        Path manifest = TestImages.text(dir.resolve("data.csv"), "filepath,caption,label\na.png,hi,\n");

        Dataset strict = DatasetLoader.load(manifest);
        Dataset captionsOnly = DatasetLoader.load(manifest, ColumnMapping.auto().withLabel(""),
                DatasetLoader.Options.defaults());

        assertThat(strict.report().count(ProblemKind.MISSING_LABEL)).isEqualTo(1);
        assertThat(captionsOnly.samples()).hasSize(1);
        assertThat(captionsOnly.samples().get(0).extra()).containsExactly(Map.entry("label", ""));
    }

    @Test
    void aHeaderThatIsNotUtf8IsRefusedNamingFileAndLine() {
        byte[] latin1 = "\n\nfilepath,l\u00e9gende\na.png,x\n".getBytes(StandardCharsets.ISO_8859_1);
        Path manifest = TestImages.bytes(dir.resolve("data.csv"), latin1);

        assertThatThrownBy(() -> DatasetLoader.load(manifest))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith(manifest + " line 3: header is not UTF-8");
    }

    @Test
    void anEmptyManifestLoadsAsUnusable() {
        Path manifest = TestImages.text(dir.resolve("data.csv"), "\n\n");

        Dataset dataset = DatasetLoader.load(manifest);

        assertThat(dataset.report().isUsable()).isFalse();
        assertThat(dataset.report().notes()).containsExactly("the manifest has no rows");
        assertThatThrownBy(() -> DatasetLoader.requireUsable(dataset))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("0 rows, 0 valid");
    }

    @Test
    void anUnknownFileTypeIsRefused() {
        Path manifest = TestImages.text(dir.resolve("data.parquet"), "x");

        assertThatThrownBy(() -> DatasetLoader.load(manifest))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith(manifest + ": unknown dataset type");
    }
}
