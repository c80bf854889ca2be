package dev.diagonal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ImageLoader} against the RGB images Hugging Face's {@code load_image} produced for the
 * fixture files (every mode and format), plus its error handling.
 */
class ImageLoaderTest {

    private static final Path FIXTURES = ClipImageProcessorTest.FIXTURES;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"images", "holdout"})
    void decodesEveryModeExactlyLikePillow(String set) throws IOException {
        Map<String, SafetensorsFixture.Tensor> decoded =
                SafetensorsFixture.read(FIXTURES.resolve("decoded_" + set + ".safetensors.gz"));
        List<String> files;
        try (Stream<Path> list = Files.list(FIXTURES.resolve(set))) {
            files = list.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(files).as("files without a decoded reference are plain 8-bit RGB PNGs")
                .filteredOn(name -> !decoded.containsKey(name))
                .allMatch(name -> name.startsWith("rgb_") && name.endsWith(".png"));
        for (Map.Entry<String, SafetensorsFixture.Tensor> entry : decoded.entrySet()) {
            RgbImage image = ImageLoader.readRgb(FIXTURES.resolve(set).resolve(entry.getKey()));
            SafetensorsFixture.Tensor expected = entry.getValue();
            assertThat(new int[] {image.height(), image.width(), 3}).as("shape of %s", entry.getKey())
                    .containsExactly(expected.shape());
            int differing = 0;
            for (int i = 0; i < expected.values().length; i++) {
                differing += (image.data()[i] & 0xFF) == (int) expected.values()[i] ? 0 : 1;
            }
            assertThat(differing).as("samples of %s differing from Pillow", entry.getKey()).isZero();
        }
    }

    @Test
    void appliesExifAndXmpOrientation() {
        assertThat(size("images/exif_orient6_60x40.jpg")).containsExactly(40, 60);
        assertThat(size("images/exif_orient3_44x30.jpg")).containsExactly(44, 30);
        assertThat(size("images/xmp_orient8_50x34.jpg")).containsExactly(34, 50);
        assertThat(size("images/exif_orient5_48x36.png")).containsExactly(36, 48);
        assertThat(size("images/webp_exif_orient8_40x26.webp")).containsExactly(26, 40);
    }

    private static int[] size(String file) {
        RgbImage image = ImageLoader.readRgb(FIXTURES.resolve(file));
        return new int[] {image.width(), image.height()};
    }

    @Test
    void missingFileIsReported() {
        Path missing = temp.resolve("nope.png");
        assertFailure(missing, "no such file");
    }

    @Test
    void emptyFileIsReported() throws IOException {
        Path empty = Files.write(temp.resolve("empty.jpg"), new byte[0]);
        assertFailure(empty, "file is empty");
    }

    @Test
    void directoryIsReported() {
        assertFailure(temp, "is a directory");
    }

    @Test
    void textFileNamedJpgIsReported() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.jpg"), "just some text, not a picture\n");
        assertFailure(text, "not a supported image format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rgb_up_61x47.png", "jpeg_420_q90_120x90.jpg", "jpeg_cmyk_64x48.jpg",
        "webp_lossy_60x40.webp", "webp_lossless_60x40.webp", "bmp_rgb24_50x30.bmp"})
    void truncatedFilesAreReported(String name) throws IOException {
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("images").resolve(name));
        Path truncated = Files.write(temp.resolve("cut_" + name), Arrays.copyOf(whole, whole.length * 3 / 4));
        assertFailure(truncated, "truncated");
    }

    @Test
    void corruptVp8DataIsReportedNotGarbled() throws IOException {
        byte[] file = Files.readAllBytes(FIXTURES.resolve("images/webp_lossy_60x40.webp"));
        int[] chunk = WebpLossy.findVp8Chunk(file);
        file[chunk[0] + 3] = 0; // break the VP8 start code
        Path broken = Files.write(temp.resolve("broken.webp"), file);
        assertFailure(broken, "bad VP8 start code");
    }

    @Test
    void vp8DataCutShortInsideAConsistentContainerIsReported() {
        Path cut = CorruptImages.truncatedVp8(temp.resolve("cut.webp"));
        assertFailure(cut, "file is truncated (VP8");
    }

    @Test
    void imagesOverThePixelLimitAreRefusedFromTheHeader() {
        Path bomb = CorruptImages.hugePngHeader(temp.resolve("bomb.png"), 20_000, 20_000);
        assertFailure(bomb, "20000x20000 is 400,000,000 pixels, over the limit of 89,478,485");
        String before = System.getProperty(PixelLimit.PROPERTY);
        System.setProperty(PixelLimit.PROPERTY, "1000");
        try {
            assertFailure(FIXTURES.resolve("images/webp_lossy_60x40.webp"), "60x40 is 2,400 pixels, over the limit of 1,000");
            assertFailure(FIXTURES.resolve("images/bmp_rgb24_50x30.bmp"), "over the limit of 1,000");
            System.setProperty(PixelLimit.PROPERTY, "lots");
            assertThatThrownBy(() -> ImageLoader.readRgb(FIXTURES.resolve("images/bmp_rgb24_50x30.bmp")))
                    .isNotInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining("-Ddiagonal.maxImagePixels must be a positive whole number");
        } finally {
            if (before == null) {
                System.clearProperty(PixelLimit.PROPERTY);
            } else {
                System.setProperty(PixelLimit.PROPERTY, before);
            }
        }
    }

    private static void assertFailure(Path path, String reason) {
        assertThatThrownBy(() -> ImageLoader.readRgb(path))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageStartingWith("cannot read image " + path + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void convertsInMemoryImagesFromRawSamples() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        gray.getRaster().setSample(1, 0, 0, 200);
        // getRGB would gamma-convert Java's linear gray; Pillow replicates the stored value
        assertThat(ImageLoader.toRgb(gray).data()).containsExactly(100, 100, 100, (byte) 200, (byte) 200, (byte) 200);

        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00112233); // fully transparent: colour kept, not composited onto white
        assertThat(ImageLoader.toRgb(argb).data()).containsExactly(0x11, 0x22, 0x33);
    }

    @Test
    void fileNameExtensionDoesNotMatter() throws IOException {
        Path renamed = Files.copy(FIXTURES.resolve("images/gif_gray_35x25.gif"), temp.resolve("really_a_gif.png"));
        assertThat(ImageLoader.readRgb(renamed))
                .isEqualTo(ImageLoader.readRgb(FIXTURES.resolve("images/gif_gray_35x25.gif")));
        assertThat(new String(Files.readAllBytes(renamed), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("GIF");
    }

    /** Fuzzing found these: truncated lossless WebP files declaring a large image took minutes to fail. */
    @ParameterizedTest
    @ValueSource(strings = {"webp-lossless-hang-1", "webp-lossless-hang-2"})
    @org.junit.jupiter.api.Timeout(60) // a hang guard: before the fix each took minutes
    void truncatedLosslessWebpFailsFastAndNamesTheFile(String name, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(name + ".webp");
        try (var in = ImageLoaderTest.class.getResourceAsStream("ImageDecodeFuzzTestInputs/decode/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        assertThatThrownBy(() -> ImageLoader.readRgb(file)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("truncated");
    }

    /** Fuzzing found these: a 4x3 GIF whose first frame sits at (11520, 1024) needed a 0.55-gigapixel canvas. */
    @ParameterizedTest
    @ValueSource(strings = {"gif-offscreen-frame-1", "gif-offscreen-frame-2"})
    @org.junit.jupiter.api.Timeout(60) // before the fix one took 48 s and 1.7 GB
    void gifFramePlacedFarOffTheScreenIsRefusedAsABomb(String name, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(name + ".gif");
        try (var in = ImageLoaderTest.class.getResourceAsStream("ImageDecodeFuzzTestInputs/decode/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        assertThatThrownBy(() -> ImageLoader.readRgb(file)).isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("over the limit");
    }
}
