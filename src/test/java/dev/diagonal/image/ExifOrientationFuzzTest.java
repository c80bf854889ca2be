package dev.diagonal.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.diagonal.FuzzBudget;
import dev.diagonal.DiagonalException;

/**
 * Jazzer target: arbitrary bytes as an EXIF block must yield an orientation (or none) without throwing, and the
 * orientation found must turn a small image without throwing. Seeds under {@code ExifOrientationFuzzTestInputs/};
 * see docs/fuzzing.md.
 */
class ExifOrientationFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void exif(byte[] input) throws Exception {
        FuzzBudget.check(() -> exifOnce(input));
    }

    private static void exifOnce(byte[] input) {
        try {
            Integer orientation = ExifOrientation.fromExif(input);
            if (orientation != null) {
                RgbImage image = new RgbImage(3, 2, new byte[3 * 2 * 3]);
                RgbImage upright = ExifOrientation.apply(image, orientation);
                if (upright.width() * upright.height() != 6) {
                    throw new AssertionError("orientation " + orientation + " changed the pixel count");
                }
            }
        } catch (DiagonalException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("DiagonalException without a message", expected);
            }
        }
    }
}
