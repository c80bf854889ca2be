package dev.diagonal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PilResize} against Pillow's {@code Image.resize} for every filter (fixture resize_cases). */
class PilResizeTest {

    @Test
    void isBitExactWithPillowForEveryFilter() throws IOException {
        Map<String, SafetensorsFixture.Tensor> cases = SafetensorsFixture.read(
                ClipImageProcessorTest.FIXTURES.resolve("resize_cases.safetensors.gz"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        for (Map.Entry<String, SafetensorsFixture.Tensor> entry : cases.entrySet()) {
            String[] parts = entry.getKey().split("\\|");
            String[] size = parts[2].split("x");
            RgbImage source = ImageLoader.readRgb(ClipImageProcessorTest.FIXTURES.resolve("images").resolve(parts[0]));
            RgbImage resized = PilResize.resize(source, Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                    Resample.valueOf(parts[1]));
            float[] expected = entry.getValue().values();
            int differing = 0;
            for (int i = 0; i < expected.length; i++) {
                differing += (resized.data()[i] & 0xFF) == (int) expected[i] ? 0 : 1;
            }
            assertThat(resized.height()).isEqualTo(entry.getValue().shape()[0]);
            assertThat(resized.width()).isEqualTo(entry.getValue().shape()[1]);
            assertThat(differing).as("samples differing from Pillow for %s", entry.getKey()).isZero();
        }
    }

    @Test
    void regionEqualsTheCropOfTheFullResult() {
        RgbImage wide = ImageLoader.readRgb(ClipImageProcessorTest.FIXTURES.resolve("images/rgb_up_61x47.png"));
        RgbImage tall = ImageLoader.readRgb(ClipImageProcessorTest.FIXTURES.resolve("images/rgb_very_tall_3x400.png"));
        int[][] cases = {{90, 31, 5, 3, 40, 20}, {23, 17, 0, 16, 23, 1}, {61, 70, 10, 0, 1, 70}, {30, 47, 2, 9, 11, 30}};
        for (Resample filter : Resample.values()) {
            for (int[] c : cases) {
                assertRegion(wide, filter, c);
            }
            assertRegion(tall, filter, new int[] {2, 150, 1, 30, 1, 100}); // vertical pass first
            assertRegion(tall, filter, new int[] {3, 120, 0, 7, 3, 9});
        }
    }

    private static void assertRegion(RgbImage image, Resample filter, int[] c) {
        RgbImage full = PilResize.resize(image, c[0], c[1], filter);
        RgbImage region = PilResize.resizeRegion(image, c[0], c[1], filter, c[2], c[3], c[4], c[5]);
        assertThat(region.width()).isEqualTo(c[4]);
        assertThat(region.height()).isEqualTo(c[5]);
        for (int y = 0; y < c[5]; y++) {
            for (int x = 0; x < c[4]; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(region.sample(x, y, ch)).as("%s %s at (%d,%d)", filter, java.util.Arrays.toString(c), x, y)
                            .isEqualTo(full.sample(c[2] + x, c[3] + y, ch));
                }
            }
        }
    }

    @Test
    void sameSizeReturnsAnEqualCopy() {
        RgbImage image = new RgbImage(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        RgbImage same = PilResize.resize(image, 2, 1, Resample.BICUBIC);
        assertThat(same).isEqualTo(image);
        assertThat(same.data()).isNotSameAs(image.data());
    }

    @Test
    void rejectsEmptyTargets() {
        RgbImage image = RgbImage.blank(3, 3);
        assertThatThrownBy(() -> PilResize.resize(image, 0, 3, Resample.BILINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PilResize.resizeRegion(image, 4, 4, Resample.BILINEAR, 2, 0, 3, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
