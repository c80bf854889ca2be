package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RetrievalTest {

    @Test
    void perfectPairsRankFirst() {
        float[][] x = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        Retrieval.Metrics m = Retrieval.compute(x, x);
        assertThat(m.imageToTextR1()).isEqualTo(1.0);
        assertThat(m.textToImageMeanRank()).isEqualTo(1.0);
    }

    @Test
    void ranksCountBothDirectionsSeparately() {
        // image 0 is closest to text 1; text 0 is still closest to image 0 among images
        float[][] images = {{1, 1}, {0, 1}};
        float[][] texts = {{1, 0.2f}, {1, 1}};
        Retrieval.Metrics m = Retrieval.compute(images, texts);
        assertThat(m.imageToTextR1()).isEqualTo(0.0);       // image0 -> text1 first; image1 -> text1 (wrong) first
        assertThat(m.imageToTextMeanRank()).isEqualTo(2.0);
        assertThat(m.textToImageR1()).isCloseTo(0.5, within(1e-9)); // text0 -> image0 ok; text1 -> image0 first (tie rule)
        assertThat(m.imageToTextR5()).isEqualTo(1.0);
    }
}
