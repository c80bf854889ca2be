package dev.diagonal.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link ClipImageProcessor} with Hugging Face's CLIP image processor outputs stored by
 * {@code tools/reference/make_image_fixtures.py}, for three configs and two independently generated
 * image sets. Differences are measured in raw pixel units: |java - hf| * std * 255.
 */
class ClipImageProcessorTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/image");

    static Stream<Arguments> cases() {
        return Stream.of("images", "holdout").flatMap(set ->
                Stream.of("default", "small", "exact").map(config -> Arguments.of(set, config)));
    }

    @ParameterizedTest(name = "{0} with config_{1}")
    @MethodSource("cases")
    void matchesHuggingFacePixelValues(String set, String configName) throws IOException {
        ImageProcessorConfig config = ImageProcessorConfig.fromJson(
                FIXTURES.resolve("config_" + configName).resolve("preprocessor_config.json"));
        ClipImageProcessor processor = new ClipImageProcessor(config);
        Map<String, SafetensorsFixture.Tensor> expected =
                SafetensorsFixture.read(FIXTURES.resolve("expected_" + set + "_" + configName + ".safetensors.gz"));
        if (!configName.equals("default")) {
            assertThat(expected.keySet()).as("every image of the set has an expected output")
                    .containsExactlyInAnyOrderElementsOf(imageNames(set));
        }
        double[] std = config.imageStd();
        Map<String, Double> worstByImage = new TreeMap<>();
        for (Map.Entry<String, SafetensorsFixture.Tensor> entry : expected.entrySet()) {
            SafetensorsFixture.Tensor hf = entry.getValue();
            Path image = FIXTURES.resolve(set).resolve(entry.getKey());
            float[] java = processor.preprocess(image);
            RgbImage rgb = ImageLoader.readRgb(image);
            assertThat(processor.outputSize(rgb.height(), rgb.width()))
                    .as("output size of %s", entry.getKey()).containsExactly(hf.shape()[1], hf.shape()[2]);
            assertThat(java).as("length for %s", entry.getKey()).hasSize(hf.values().length);
            int plane = hf.shape()[1] * hf.shape()[2];
            double worst = 0;
            for (int i = 0; i < java.length; i++) {
                worst = Math.max(worst, Math.abs(java[i] - hf.values()[i]) * std[i / plane] * 255);
            }
            worstByImage.put(entry.getKey(), worst);
        }
        double overall = worstByImage.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("%s / config_%s: max raw-unit diff %.6f over %d images%n",
                set, configName, overall, worstByImage.size());
        // The target is 2 raw units; the implementation is bit-exact, so any difference is a regression.
        worstByImage.forEach((name, worst) -> assertThat(worst)
                .as("max |java - hf| * std * 255 for %s", name).isZero());
    }

    private static List<String> imageNames(String set) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(set))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shortestEdgeSizeTruncatesTheLongSideLikeTransformers() {
        ClipImageProcessor processor = new ClipImageProcessor(ImageProcessorConfig.defaults(224));
        // expected values printed by transformers' get_resize_output_image_size(default_to_square=False)
        assertThat(processor.resizedSize(260, 300)).containsExactly(224, 258);
        assertThat(processor.resizedSize(173, 45)).containsExactly(861, 224);
        assertThat(processor.resizedSize(37, 1)).containsExactly(8288, 224);
        assertThat(processor.resizedSize(1, 53)).containsExactly(224, 11872);
        assertThat(processor.resizedSize(1000, 333)).containsExactly(672, 224);
        assertThat(processor.resizedSize(333, 1000)).containsExactly(224, 672);
        assertThat(new ClipImageProcessor(ImageProcessorConfig.defaults(5)).resizedSize(7, 3)).containsExactly(11, 5);
    }

    @Test
    void shortestAndLongestEdgeFollowGetSizeWithAspectRatio() {
        // expected values printed by transformers' get_size_with_aspect_ratio
        assertThat(ClipImageProcessor.sizeWithAspectRatio(260, 300, 224, 256)).containsExactly(222, 256);
        assertThat(ClipImageProcessor.sizeWithAspectRatio(1000, 333, 224, 448)).containsExactly(448, 149);
        assertThat(ClipImageProcessor.sizeWithAspectRatio(333, 1000, 224, 448)).containsExactly(149, 448);
        assertThat(ClipImageProcessor.sizeWithAspectRatio(480, 640, 800, 1333)).containsExactly(800, 1066);
        assertThat(ClipImageProcessor.sizeWithAspectRatio(1200, 300, 224, 500)).containsExactly(500, 125);
        assertThat(ClipImageProcessor.sizeWithAspectRatio(100, 100, 50, 60)).containsExactly(50, 50);
        assertThat(ClipImageProcessor.sizeWithAspectRatio(225, 224, 224, 300)).containsExactly(225, 224);
    }

    @Test
    void paddingOfSmallImagesIsZeroBeforeNormalisation() {
        ImageProcessorConfig config = new ImageProcessorConfig(false, 0, 0, 0, 0, Resample.BICUBIC, true, 4, 5,
                true, ImageProcessorConfig.DEFAULT_RESCALE_FACTOR, true, new double[] {0.5, 0.5, 0.5},
                new double[] {0.25, 0.25, 0.25}, true);
        byte[] white = new byte[2 * 2 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        float[] out = new ClipImageProcessor(config).preprocess(new RgbImage(2, 2, white));
        // 2x2 image centred in 4x5: HF pads top ceil(2/2)=1, left ceil(3/2)=2
        float padded = (0f - 0.5f) / 0.25f;
        float inside = ((float) (255 / 255.0) - 0.5f) / 0.25f;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                boolean isImage = (y == 1 || y == 2) && (x == 2 || x == 3);
                assertThat(out[y * 5 + x]).as("(%d,%d)", x, y).isEqualTo(isImage ? inside : padded);
            }
        }
    }
}
