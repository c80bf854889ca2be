package dev.diagonal.cli;

import dev.diagonal.clip.ClipConfig;
import dev.diagonal.image.ClipImageProcessor;
import dev.diagonal.image.ImageLoader;
import dev.diagonal.image.ImageProcessorConfig;
import dev.diagonal.image.RgbImage;
import dev.diagonal.eval.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code preprocess}: pixel_values (N×C×H×W) as HF's CLIPImageProcessor returns them. */
@Command(name = "preprocess", description = "Preprocess images as the model's CLIPImageProcessor does, to JSON.")
final class PreprocessCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "HF model folder (preprocessor_config.json)")
    Path model;

    @Option(names = "--image", required = true, description = "an image file (repeatable)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--out", required = true, description = "output JSON file")
    Path out;

    @Option(names = "--verbose", description = "print stack traces")
    boolean verbose;

    @Override
    public Integer call() {
        ImageProcessorConfig config = Embedder.imageConfig(model, ClipConfig.read(model));
        ClipImageProcessor processor = new ClipImageProcessor(config);
        List<float[][][]> pixelValues = new ArrayList<>();
        for (Path file : images) {
            RgbImage image = ImageLoader.readRgb(file);
            int[] size = processor.outputSize(image.height(), image.width());
            pixelValues.add(toChw(processor.preprocess(image), size[0], size[1]));
        }
        JsonOutput.write(out, Map.of("pixel_values", pixelValues));
        return 0;
    }

    private static float[][][] toChw(float[] flat, int height, int width) {
        int channels = flat.length / (height * width);
        float[][][] out = new float[channels][height][width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(flat, (c * height + y) * width, out[c][y], 0, width);
            }
        }
        return out;
    }
}
