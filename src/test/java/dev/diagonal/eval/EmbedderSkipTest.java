package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.diagonal.Fixtures;
import dev.diagonal.image.CorruptImages;
import dev.diagonal.image.UnreadableImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images that fail at first use (e.g. overwritten after validation) are skipped and listed, not fatal. */
class EmbedderSkipTest {

    @TempDir
    Path tmp;

    @Test
    void unreadableImagesAreSkippedWithTheirIndicesAndTheRestMatchAStrictRun() throws Exception {
        Path model = EvalFixtures.tinyModel(tmp.resolve("model"));
        Path good = Files.copy(Fixtures.path("e2e/images/wide.png"), tmp.resolve("good.png"));
        Path other = Files.copy(Fixtures.path("e2e/images/tall.jpg"), tmp.resolve("other.jpg"));
        Path garbage = Files.copy(Fixtures.path("e2e/images/gray.png"), tmp.resolve("garbage.png"));
        Files.write(garbage, "overwritten after validation".getBytes()); // changed after the dataset was checked
        Path cut = CorruptImages.truncatedVp8(tmp.resolve("cut.webp"));
        List<Path> images = List.of(good, garbage, other, cut, good);
        try (Embedder embedder = Embedder.open(model, Device.cpu())) {
            List<Integer> progress = new ArrayList<>();
            Embedder.Embedded embedded = embedder.embedReadable(images, 2, progress::add);
            assertThat(embedded.kept()).containsExactly(0, 2, 4);
            assertThat(embedded.skipped()).extracting(Embedder.SkippedImage::index).containsExactly(1, 3);
            assertThat(embedded.skipped()).extracting(Embedder.SkippedImage::file).containsExactly(garbage, cut);
            assertThat(embedded.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
            assertThat(progress).containsExactly(2, 4, 5);
            float[][] strict = embedder.embedImages(List.of(good, other, good), 3, d -> {});
            assertThat(embedded.features()).hasDimensions(3, strict[0].length);
            for (int i = 0; i < 3; i++) {
                assertThat(embedded.features()[i]).containsExactly(strict[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThatThrownBy(() -> embedder.embedImages(images, 2, d -> {}))
                    .isInstanceOf(UnreadableImageException.class).hasMessageContaining(garbage.toString());

            List<String> warnings = new ArrayList<>();
            ZeroShot.Result result = ZeroShot.evaluate(embedder, images, List.of("g0", "bad", "o", "cut", "g4"),
                    new int[] {0, 1, 1, 0, 0}, List.of("cat", "dog"), List.of("a photo of a {}."), 2, d -> {}, warnings::add);
            assertThat(result.predictions()).extracting(ZeroShot.Prediction::image).containsExactly("g0", "o", "g4");
            assertThat(result.skipped()).isEqualTo(new ZeroShot.Skipped(2, List.of("bad", "cut")));
            assertThat(result.perClass().get("cat").count() + result.perClass().get("dog").count()).isEqualTo(3);
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).startsWith("skipped unreadable image bad: ");
        }
    }
}
