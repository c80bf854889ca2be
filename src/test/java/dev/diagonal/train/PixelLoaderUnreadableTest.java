package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.image.Augmentation;
import dev.diagonal.image.ClipImageProcessor;
import dev.diagonal.image.ImageProcessorConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image that fails to decode at first use (changed after validation) becomes zeros, warned once. */
class PixelLoaderUnreadableTest {

    @TempDir
    Path tmp;

    private static final int VALUES = 3 * 32 * 32;

    private List<Path> images(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(20 + i, 20, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xff3366);
            Path file = tmp.resolve("img-" + i + ".png");
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
        return files;
    }

    @Test
    void aFileOverwrittenByGarbageIsReplacedByZerosAndWarnedOnce() throws IOException {
        List<Path> images = images(3);
        Files.write(images.get(1), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6, 7}); // after "validation"
        ClipImageProcessor processor = new ClipImageProcessor(ImageProcessorConfig.defaults(32));
        for (long cacheBytes : new long[] {1 << 20, 0}) {
            List<String> warnings = new ArrayList<>();
            try (PixelLoader loader = new PixelLoader(images, processor::preprocess, VALUES, cacheBytes, 2, null)) {
                loader.warnTo(warnings::add);
                float[] first = loader.request(new int[] {0, 1, 2}).await();
                float[] again = loader.request(new int[] {1, 2}).await();
                assertThat(java.util.Arrays.copyOfRange(first, VALUES, 2 * VALUES)).containsOnly(0f);
                assertThat(java.util.Arrays.copyOfRange(first, 0, VALUES)).isEqualTo(processor.preprocess(images.get(0)));
                assertThat(java.util.Arrays.copyOfRange(first, VALUES, 3 * VALUES)).isEqualTo(again);
                assertThat(loader.unreadable()).isEqualTo(Set.of(1));
            }
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(images.get(1).toString(), "all-zero image");
        }
    }

    @Test
    void augmentedTrainingRequestsAlsoGetZerosAndTheSameResultEachTime() throws IOException {
        List<Path> images = images(2);
        Files.write(images.get(0), new byte[0]);
        ClipImageProcessor processor = new ClipImageProcessor(ImageProcessorConfig.defaults(32));
        AugmentedImages augmented = new AugmentedImages(Augmentation.parse("crop"), processor, 3);
        List<String> warnings = new ArrayList<>();
        float[] a;
        float[] b;
        try (PixelLoader loader = new PixelLoader(images, processor::preprocess, VALUES, 1 << 20, 1, augmented)) {
            loader.warnTo(warnings::add);
            a = loader.request(new int[] {0, 1}, 7).await();
            assertThat(java.util.Arrays.copyOfRange(a, 0, VALUES)).containsOnly(0f);
        }
        try (PixelLoader fresh = new PixelLoader(images, processor::preprocess, VALUES, 0, 2, augmented)) {
            b = fresh.request(new int[] {0, 1}, 7).await(); // as a resumed run would see it
        }
        assertThat(b).isEqualTo(a);
        assertThat(warnings).hasSize(1).allSatisfy(w -> assertThat(w).contains(images.get(0).toString()));
    }
}
