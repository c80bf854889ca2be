package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.diagonal.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached image features: found again for the same weights and bytes, never for other weights or bytes. */
class ImageFeatureCacheTest {

    @TempDir
    Path tmp;

    private List<Path> images() throws Exception {
        Path wide = Files.copy(Fixtures.path("e2e/images/wide.png"), tmp.resolve("wide.png"));
        Path tall = Files.copy(Fixtures.path("e2e/images/tall.jpg"), tmp.resolve("tall.jpg"));
        Path gray = Files.copy(Fixtures.path("e2e/images/gray.png"), tmp.resolve("gray.png"));
        return List.of(wide, tall, gray);
    }

    @Test
    void aSecondPassIsServedFromTheCacheWithTheSameFeaturesAsAnUncachedPass() throws Exception {
        Path model = EvalFixtures.tinyModel(tmp.resolve("model"));
        List<Path> images = images();
        ImageFeatureCache cache = new ImageFeatureCache(ImageFeatureCache.DEFAULT_BYTES);
        float[][] plain;
        try (Embedder embedder = Embedder.open(model, Device.cpu())) {
            plain = embedder.embedImages(images, 3, d -> { });
        }
        try (Embedder embedder = Embedder.open(model, Device.cpu(), cache)) {
            float[][] first = embedder.embedImages(images, 3, d -> { });
            assertThat(cache.misses()).isEqualTo(3);
            assertThat(cache.size()).isEqualTo(3);
            assertThat(first).isDeepEqualTo(plain);
        }
        try (Embedder again = Embedder.open(model, Device.cpu(), cache)) {
            float[][] second = again.embedImages(images, 3, d -> { });
            assertThat(cache.hits()).isEqualTo(3);
            assertThat(second).isDeepEqualTo(plain);
            second[0][0] = 42; // callers may change what they get without changing the cache
            assertThat(again.embedImages(images.subList(0, 1), 1, d -> { })[0]).isEqualTo(plain[0]);
        }
    }

    @Test
    void aFolderOfLinksToTheSameWeightsSharesEntriesAndRewrittenWeightsDoNot() throws Exception {
        Path model = EvalFixtures.tinyModel(tmp.resolve("model"));
        Path links = Files.createDirectories(tmp.resolve("links"));
        try (Stream<Path> files = Files.list(model)) {
            for (Path file : files.toList()) {
                Files.createSymbolicLink(links.resolve(file.getFileName()), file);
            }
        }
        assertThat(ImageFeatureCache.modelKey(links)).isEqualTo(ImageFeatureCache.modelKey(model));
        String before = ImageFeatureCache.modelKey(model);
        Path weights = model.resolve("model.safetensors");
        Files.write(weights, Files.readAllBytes(weights)); // same bytes, rewritten as a new checkpoint would be
        Files.setLastModifiedTime(weights, FileTime.fromMillis(Files.getLastModifiedTime(weights).toMillis() + 5000));
        assertThat(ImageFeatureCache.modelKey(model)).isNotEqualTo(before);
    }

    @Test
    void anImageIsKnownByItsBytesNotItsPath() throws Exception {
        Path model = EvalFixtures.tinyModel(tmp.resolve("model"));
        List<Path> images = images();
        ImageFeatureCache cache = new ImageFeatureCache(ImageFeatureCache.DEFAULT_BYTES);
        Path copy = Files.copy(images.get(0), tmp.resolve("copy-of-wide.png"));
        try (Embedder embedder = Embedder.open(model, Device.cpu(), cache)) {
            float[][] first = embedder.embedImages(images, 2, d -> { });
            assertThat(embedder.embedImages(List.of(copy), 1, d -> { })[0]).isEqualTo(first[0]);
            assertThat(cache.hits()).isEqualTo(1);
            Files.copy(images.get(1), images.get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            float[] changed = embedder.embedImages(images.subList(0, 1), 1, d -> { })[0];
            assertThat(cache.hits()).isEqualTo(2); // the new bytes are tall.jpg's, already encoded
            assertThat(changed).isEqualTo(first[1]);
        }
    }

    @Test
    void theBudgetDropsTheLeastRecentlyUsedFeatures() {
        ImageFeatureCache cache = new ImageFeatureCache(2 * 4 * 8); // two features of 8 values
        cache.put("m", "a", new float[8]);
        cache.put("m", "b", new float[8]);
        assertThat(cache.get("m", "a")).isNotNull(); // a is now the most recently used
        cache.put("m", "c", new float[8]);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("m", "b")).isNull();
        assertThat(cache.get("m", "a")).isNotNull();
        assertThat(cache.get("other model", "a")).isNull();
    }
}
