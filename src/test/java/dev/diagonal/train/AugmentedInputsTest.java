package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.data.Sample;
import dev.diagonal.image.Augmentation;
import dev.diagonal.image.ClipImageProcessor;
import dev.diagonal.image.ImageProcessorConfig;
import dev.diagonal.text.ClipTokenizer;
import dev.diagonal.text.TokenBatch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training inputs under augmentation and caption templates: each (micro-batch, sample) gets its own
 * reproducible variant, evaluation gets the images and captions as they are.
 */
class AugmentedInputsTest {

    @TempDir
    Path tmp;

    private List<Path> transparentImages(int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(40 * i, 200, 90));
            g.fillOval(6, 6, 20, 20); // an opaque disc, transparent corners
            g.dispose();
            Path file = tmp.resolve("disc-" + i + ".png");
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
        return files;
    }

    private static float[] flat(PixelLoader loader, int[] indices, long position) {
        return position < 0 ? loader.request(indices).await() : loader.request(indices, position).await();
    }

    @Test
    void augmentedPixelsAreReproducibleAndEvaluationPixelsAreUntouched() throws IOException {
        List<Path> images = transparentImages(3);
        ImageProcessorConfig config = ImageProcessorConfig.defaults(32);
        ClipImageProcessor processor = new ClipImageProcessor(config);
        int values = 3 * 32 * 32;
        AugmentedImages augmented = new AugmentedImages(Augmentation.parse("crop,affine,background"), processor, 5);
        int[] batch = {0, 1, 2};
        try (PixelLoader a = new PixelLoader(images, processor::preprocess, values, 1 << 20, 1, augmented);
                PixelLoader b = new PixelLoader(images, processor::preprocess, values, 0, 2, augmented)) {
            assertThat(flat(a, batch, 4)).isEqualTo(flat(b, batch, 4)); // cached or not, any thread count
            assertThat(flat(a, batch, 4)).isNotEqualTo(flat(a, batch, 5));
            float[] plain = flat(a, new int[] {1}, -1);
            assertThat(plain).isEqualTo(processor.preprocess(images.get(1)));
        }
    }

    @Test
    void captionTemplatesVaryByStepReproduciblyWhileEvaluationKeepsTheCaption() {
        List<Sample> samples = List.of(new Sample(tmp.resolve("a.png"), "red apple", null, null),
                new Sample(tmp.resolve("b.png"), "green heart", null, null));
        List<String> templates = List.of("an emoji of {}.", "{}", "a {} emoji.", "an icon of {}.");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(Path.of("assets/tokenizer/clip"), 32)) {
            TrainingData plain = TrainingData.of(samples, tokenizer);
            TrainingData templated = TrainingData.of(samples, tokenizer, templates, 9);
            TrainingData again = TrainingData.of(samples, tokenizer, templates, 9);
            int[] both = {0, 1};
            assertThat(templated.tokens(both).inputIds()).isEqualTo(plain.tokens(both).inputIds());
            assertThat(plain.tokens(both, 3).inputIds()).isEqualTo(plain.tokens(both).inputIds());
            Set<List<Long>> seen = new HashSet<>();
            for (long position = 0; position < 40; position++) {
                TokenBatch batch = templated.tokens(both, position);
                assertThat(batch.inputIds()).isEqualTo(again.tokens(both, position).inputIds());
                seen.add(trimmed(batch.inputIds()[0], batch.attentionMask()[0]));
            }
            assertThat(seen).hasSize(templates.size()); // every template turns up for "red apple"
            assertThat(seen).contains(trimmed(tokenizer.encode("an emoji of red apple."), null));
        }
    }

    private static List<Long> trimmed(long[] ids, long[] mask) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (mask == null || mask[i] == 1) {
                out.add(ids[i]);
            }
        }
        return out;
    }
}
