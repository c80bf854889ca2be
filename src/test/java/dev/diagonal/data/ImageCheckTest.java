package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.image.CorruptImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCheckTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"a.png", "a.jpg", "a.bmp", "a.gif"})
    void decodesGoodImages(String name) {
        Path image = TestImages.write(dir.resolve(name), 300, 1);

        assertThat(ImageCheck.decoding().check(image).isOk()).isTrue();
        assertThat(ImageCheck.headerOnly().check(image).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.png", "a.jpg", "a.bmp", "a.gif"})
    void truncatedPixelDataFailsDecodingButPassesTheHeaderCheck(String name) throws Exception {
        Path image = TestImages.write(dir.resolve(name), 200, 1);
        byte[] all = Files.readAllBytes(image);
        Files.write(image, Arrays.copyOf(all, all.length / 2));

        ImageCheck.Result decoded = ImageCheck.decoding().check(image);

        assertThat(decoded.problem()).isEqualTo(ProblemKind.UNREADABLE_IMAGE);
        assertThat(ImageCheck.headerOnly().check(image).isOk()).isTrue();
    }

    @Test
    void webpWithItsVp8DataCutShortFailsTheDefaultCheck() {
        Path cut = CorruptImages.truncatedVp8(dir.resolve("cut.webp"));

        ImageCheck.Result decoded = ImageCheck.decoding().check(cut);

        assertThat(decoded.problem()).isEqualTo(ProblemKind.UNREADABLE_IMAGE);
        assertThat(decoded.detail()).startsWith("file is truncated (VP8");
        assertThat(ImageCheck.decoding().check(CorruptImages.LOSSY_WEBP).isOk()).isTrue();
    }

    @Test
    void bothChecksRefuseImagesOverThePixelLimit() {
        Path bomb = CorruptImages.hugePngHeader(dir.resolve("bomb.png"), 30_000, 30_000);

        assertThat(ImageCheck.headerOnly().check(bomb).detail()).contains("over the limit of 89,478,485");
        assertThat(ImageCheck.decoding().check(bomb).detail()).contains("over the limit of 89,478,485");
    }

    @Test
    void missingEmptyAndNonImageFilesAreReported() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder.png"));

        assertThat(ImageCheck.decoding().check(dir.resolve("none.png")))
                .isEqualTo(ImageCheck.Result.missing("file not found"));
        assertThat(ImageCheck.decoding().check(folder)).isEqualTo(ImageCheck.Result.missing("not a file"));
        assertThat(ImageCheck.headerOnly().check(TestImages.bytes(dir.resolve("e.png"), new byte[0])))
                .isEqualTo(ImageCheck.Result.unreadable("empty file"));
        assertThat(ImageCheck.headerOnly().check(TestImages.garbage(dir.resolve("g.jpg"))))
                .isEqualTo(ImageCheck.Result.unreadable("not a known image format"));
        byte[] fakePng = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        assertThat(ImageCheck.headerOnly().check(TestImages.bytes(dir.resolve("f.png"), fakePng)).problem())
                .isEqualTo(ProblemKind.UNREADABLE_IMAGE);
    }

    @Test
    void parallelChecksGiveTheSameResultsInTheSameOrderAsOneThread() {
        StringBuilder csv = new StringBuilder("filepath,label\n");
        for (int i = 0; i < 60; i++) {
            String name = "img" + i + ".png";
            switch (i % 5) {
                case 0 -> TestImages.garbage(dir.resolve(name));
                case 1 -> { } // missing
                default -> TestImages.write(dir.resolve(name), 24, i);
            }
            csv.append(name).append(",c").append(i % 3).append('\n');
        }
        Path manifest = TestImages.text(dir.resolve("data.csv"), csv.toString());
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger totals = new AtomicInteger();
        DatasetLoader.Options one = DatasetLoader.Options.defaults().withThreads(1).withMaxExamples(100);
        DatasetLoader.Options four = one.withThreads(4).withProgress((done, total) -> {
            progress.add(done);
            totals.set(total);
        });

        Dataset serial = DatasetLoader.load(manifest, ColumnMapping.auto(), one);
        Dataset parallel = DatasetLoader.load(manifest, ColumnMapping.auto(), four);

        assertThat(parallel.samples()).isEqualTo(serial.samples()).hasSize(36);
        assertThat(parallel.report()).isEqualTo(serial.report());
        assertThat(parallel.report().count(ProblemKind.MISSING_IMAGE)).isEqualTo(12);
        assertThat(parallel.report().count(ProblemKind.UNREADABLE_IMAGE)).isEqualTo(12);
        assertThat(progress).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList());
        assertThat(totals.get()).isEqualTo(60);
    }

    @Test
    void aCustomCheckThatThrowsMarksTheImageUnreadable() {
        TestImages.png(dir.resolve("a.png"));
        TestImages.png(dir.resolve("b.png"));
        Path manifest = TestImages.text(dir.resolve("data.csv"), "image,caption\na.png,x\nb.png,y\n");
        ImageCheck picky = image -> {
            if (image.endsWith("b.png")) {
                throw new IllegalStateException("boom");
            }
            return ImageCheck.Result.ok();
        };

        Dataset dataset = DatasetLoader.load(manifest, ColumnMapping.auto(),
                DatasetLoader.Options.defaults().withImageCheck(picky));

        assertThat(dataset.samples()).extracting(Sample::caption).containsExactly("x");
        assertThat(dataset.report().examples()).singleElement()
                .extracting(ValidationReport.Issue::detail).isEqualTo("boom");
    }

    @Test
    void repeatedImagesAreCheckedOnce() {
        TestImages.png(dir.resolve("a.png"));
        Path manifest = TestImages.text(dir.resolve("data.csv"), "image,caption\na.png,one\na.png,two\na.png,three\n");
        AtomicInteger calls = new AtomicInteger();

        Dataset dataset = DatasetLoader.load(manifest, ColumnMapping.auto(), DatasetLoader.Options.defaults()
                .withImageCheck(image -> {
                    calls.incrementAndGet();
                    return ImageCheck.Result.ok();
                }));

        assertThat(dataset.samples()).hasSize(3);
        assertThat(calls.get()).isEqualTo(1);
    }
}
