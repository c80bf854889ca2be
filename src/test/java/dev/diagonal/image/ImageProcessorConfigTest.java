package dev.diagonal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageProcessorConfigTest {

    @TempDir
    Path temp;

    private Path write(String json) throws IOException {
        return Files.writeString(temp.resolve("preprocessor_config.json"), json);
    }

    @Test
    void readsTheSavedHuggingFaceDefaults() {
        ImageProcessorConfig config = ImageProcessorConfig.fromJson(
                ClipImageProcessorTest.FIXTURES.resolve("config_default/preprocessor_config.json"));
        assertThat(config).isEqualTo(ImageProcessorConfig.defaults(224));
    }

    @Test
    void readsNonDefaultFixtureConfigs() {
        ImageProcessorConfig small = ImageProcessorConfig.fromJson(
                ClipImageProcessorTest.FIXTURES.resolve("config_small/preprocessor_config.json"));
        assertThat(small.shortestEdge()).isEqualTo(32);
        assertThat(new int[] {small.cropHeight(), small.cropWidth()}).containsExactly(28, 36);
        assertThat(small.imageMean()).containsExactly(0.5, 0.4, 0.3);
        assertThat(small.imageStd()).containsExactly(0.2, 0.25, 0.3);
        ImageProcessorConfig exact = ImageProcessorConfig.fromJson(
                ClipImageProcessorTest.FIXTURES.resolve("config_exact/preprocessor_config.json"));
        assertThat(new int[] {exact.shortestEdge(), exact.resizeHeight(), exact.resizeWidth()}).containsExactly(0, 24, 40);
        assertThat(exact.resample()).isEqualTo(Resample.BILINEAR);
        assertThat(exact.doCenterCrop()).isFalse();
    }

    @Test
    void missingAndNullFieldsTakeClipDefaults() throws IOException {
        assertThat(ImageProcessorConfig.fromJson(write("{}"))).isEqualTo(ImageProcessorConfig.defaults(224));
        assertThat(ImageProcessorConfig.fromJson(write("{\"size\": null, \"crop_size\": null, \"image_mean\": null,"
                + " \"resample\": null, \"do_resize\": null, \"image_processor_type\": \"CLIPImageProcessor\"}")))
                .isEqualTo(ImageProcessorConfig.defaults(224));
    }

    @Test
    void defaultsScaleToTheImageSize() {
        ImageProcessorConfig config = ImageProcessorConfig.defaults(336);
        assertThat(new int[] {config.shortestEdge(), config.cropHeight(), config.cropWidth()}).containsExactly(336, 336, 336);
        assertThat(config.imageMean()).containsExactly(0.48145466, 0.4578275, 0.40821073);
        assertThat(config.imageStd()).containsExactly(0.26862954, 0.26130258, 0.27577711);
        assertThat(config.rescaleFactor()).isEqualTo(1 / 255.0);
        assertThat(config.resample()).isEqualTo(Resample.BICUBIC);
    }

    @Test
    void acceptsTheOtherFieldFormsTransformersAccepts() throws IOException {
        ImageProcessorConfig intSize = ImageProcessorConfig.fromJson(write("{\"size\": 256, \"crop_size\": 240}"));
        assertThat(intSize.shortestEdge()).isEqualTo(256);
        assertThat(new int[] {intSize.cropHeight(), intSize.cropWidth()}).containsExactly(240, 240);

        ImageProcessorConfig square = ImageProcessorConfig.fromJson(write("{\"size\": 64, \"default_to_square\": true}"));
        assertThat(new int[] {square.shortestEdge(), square.resizeHeight(), square.resizeWidth()}).containsExactly(0, 64, 64);

        ImageProcessorConfig lists = ImageProcessorConfig.fromJson(write("{\"size\": [30, 40], \"crop_size\": [20, 10]}"));
        assertThat(new int[] {lists.resizeHeight(), lists.resizeWidth(), lists.cropHeight(), lists.cropWidth()})
                .containsExactly(30, 40, 20, 10);

        ImageProcessorConfig capped = ImageProcessorConfig.fromJson(
                write("{\"size\": {\"shortest_edge\": 224, \"longest_edge\": 448}}"));
        assertThat(new int[] {capped.shortestEdge(), capped.longestEdge()}).containsExactly(224, 448);

        ImageProcessorConfig scalar = ImageProcessorConfig.fromJson(write("{\"image_mean\": 0.5, \"image_std\": 0.5}"));
        assertThat(scalar.imageMean()).containsExactly(0.5, 0.5, 0.5);
        assertThat(scalar.imageStd()).containsExactly(0.5, 0.5, 0.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"size\": {\"longest_edge\": 224}}                 | size",
        "{\"size\": {\"shortest_edge\": -3}}                 | size.shortest_edge",
        "{\"size\": \"big\"}                                 | size",
        "{\"crop_size\": {\"shortest_edge\": 224}}           | crop_size",
        "{\"crop_size\": [224]}                              | crop_size",
        "{\"do_resize\": \"yes\"}                            | do_resize",
        "{\"do_normalize\": 1}                               | do_normalize",
        "{\"resample\": 9}                                   | resample",
        "{\"resample\": \"bicubic\"}                         | resample",
        "{\"rescale_factor\": 0}                             | rescale_factor",
        "{\"image_mean\": [0.5, 0.5]}                        | image_mean",
        "{\"image_std\": [0.5, 0, 0.5]}                      | image_std",
    })
    void badFieldsNameFileAndField(String json, String field) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> ImageProcessorConfig.fromJson(file))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void unreadableFilesNameTheFile() throws IOException {
        Path missing = temp.resolve("absent.json");
        assertThatThrownBy(() -> ImageProcessorConfig.fromJson(missing))
                .isInstanceOf(DiagonalException.class).hasMessageContaining(missing.toString());
        Path broken = write("{\"size\": ");
        assertThatThrownBy(() -> ImageProcessorConfig.fromJson(broken))
                .isInstanceOf(DiagonalException.class).hasMessageContaining(broken.toString())
                .hasMessageContaining("not valid JSON");
        Path array = write("[1, 2]");
        assertThatThrownBy(() -> ImageProcessorConfig.fromJson(array))
                .isInstanceOf(DiagonalException.class).hasMessageContaining(array.toString());
    }

    @Test
    void recordCopiesItsArrays() {
        double[] mean = {0.1, 0.2, 0.3};
        ImageProcessorConfig config = new ImageProcessorConfig(true, 10, 0, 0, 0, Resample.BILINEAR, false, 0, 0,
                true, 0.5, true, mean, new double[] {1, 1, 1}, true);
        mean[0] = 9;
        config.imageMean()[1] = 9;
        assertThat(config.imageMean()).containsExactly(0.1, 0.2, 0.3);
    }
}
