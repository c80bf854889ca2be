package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositivePairsTest {

    @Test
    void distinctKeysAreTheIdentity() {
        PositivePairs pairs = PositivePairs.of(List.of("a", "b", "c"), new long[][] {{1}, {1}, {1}});
        assertThat(pairs.identity()).isTrue();
        assertThat(pairs.textRows()).containsExactly(0, 1, 2);
        assertThat(pairs.imageTargets()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    @Test
    void sameClassAndTokensShareAColumnAndSameClassPairsArePositives() {
        // 0 and 2: class cat, same prompt -> one column; 1 and 3: class dog, different prompts -> two columns
        PositivePairs pairs = PositivePairs.of(List.of("cat", "dog", "cat", "dog"),
                new long[][] {{5, 6}, {5, 7}, {5, 6}, {8, 7}});
        assertThat(pairs.identity()).isFalse();
        assertThat(pairs.textRows()).containsExactly(0, 1, 3);
        long[][] texts = pairs.texts(new long[][] {{5, 6}, {5, 7}, {5, 6}, {8, 7}});
        assertThat(texts).hasDimensions(3, 2);
        // image rows: cat images -> column 0 only; dog images -> columns 1 and 2 at one half each
        assertThat(pairs.imageTargets()).containsExactly(1, 0, 0, 0, .5f, .5f, 1, 0, 0, 0, .5f, .5f);
        // text columns: column 0 (cat) -> images 0 and 2 at one half; dog columns -> images 1 and 3
        assertThat(pairs.textTargets()).containsExactly(.5f, 0, 0, 0, .5f, .5f, .5f, 0, 0, 0, .5f, .5f);
    }

    @Test
    void nullKeysAreTheirOwn() {
        PositivePairs pairs = PositivePairs.of(Arrays.asList(null, null), new long[][] {{1}, {1}});
        assertThat(pairs.identity()).isTrue();
    }
}
