package dev.diagonal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Augmentations keep meaning: no colour changes on opaque pixels, reproducible from the generator. */
class AugmentationTest {

    private static RgbImage uniform(int size, int r, int g, int b) {
        byte[] data = new byte[size * size * 3];
        for (int i = 0; i < data.length; i += 3) {
            data[i] = (byte) r;
            data[i + 1] = (byte) g;
            data[i + 2] = (byte) b;
        }
        return new RgbImage(size, size, data);
    }

    /** A 16-pixel image with a distinct colour at each pixel. */
    private static RgbImage gradient() {
        byte[] data = new byte[16 * 16 * 3];
        for (int i = 0; i < 256; i++) {
            data[i * 3] = (byte) i;
            data[i * 3 + 1] = (byte) (255 - i);
            data[i * 3 + 2] = (byte) 77;
        }
        return new RgbImage(16, 16, data);
    }

    @Test
    void parsesListsAndNamesAnUnknownPart() {
        assertThat(Augmentation.parse("none").isNone()).isTrue();
        assertThat(Augmentation.parse("").isNone()).isTrue();
        assertThat(Augmentation.parse("background, crop").spec()).isEqualTo("crop,background");
        assertThatThrownBy(() -> Augmentation.parse("crop,colour"))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("\"colour\"");
    }

    @Test
    void geometryNeverChangesTheColourOfAUniformOpaqueImage() {
        Augmentation geometry = Augmentation.parse("crop,affine");
        RgbImage red = uniform(24, 200, 30, 40);
        for (long seed = 0; seed < 20; seed++) {
            assertThat(geometry.apply(red, null, new SplittableRandom(seed))).isEqualTo(red);
        }
    }

    @Test
    void backgroundTouchesOnlyTransparentPixels() {
        Augmentation background = Augmentation.parse("background");
        RgbImage image = gradient();
        byte[] alpha = new byte[256];
        for (int i = 0; i < 128; i++) {
            alpha[i] = (byte) 255; // top half opaque, bottom half transparent
        }
        Set<Integer> bottomColours = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            RgbImage out = background.apply(image, alpha, new SplittableRandom(seed));
            for (int i = 0; i < 128 * 3; i++) {
                assertThat(out.data()[i]).as("opaque sample %d, seed %d", i, seed).isEqualTo(image.data()[i]);
            }
            int first = 128 * 3;
            bottomColours.add(((out.data()[first] & 0xFF) << 16) | ((out.data()[first + 1] & 0xFF) << 8) | (out.data()[first + 2] & 0xFF));
        }
        // some draws keep the stored colour under the transparent pixels, others fill in random colours
        int stored = (128 << 16) | (127 << 8) | 77;
        assertThat(bottomColours).contains(stored);
        assertThat(bottomColours.size()).isGreaterThan(5);
    }

    @Test
    void theSameGeneratorGivesTheSameImageAndOthersDiffer() {
        Augmentation all = Augmentation.parse("crop,affine,background");
        RgbImage image = gradient();
        byte[] alpha = new byte[256];
        RgbImage a = all.apply(image, alpha, new SplittableRandom(7));
        RgbImage b = all.apply(image, alpha, new SplittableRandom(7));
        RgbImage c = all.apply(image, alpha, new SplittableRandom(8));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.width()).isEqualTo(16);
        assertThat(a.height()).isEqualTo(16);
    }
}
