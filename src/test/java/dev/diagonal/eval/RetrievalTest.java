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
        // cosines: image0-text0 0.83, image0-text1 1.0, image1-text0 0.20, image1-text1 0.71
        float[][] images = {{1, 1}, {0, 1}};
        float[][] texts = {{1, 0.2f}, {1, 1}};
        Retrieval.Metrics m = Retrieval.compute(images, texts);
        assertThat(m.imageToTextR1()).isEqualTo(0.5);        // image0 finds text1 first
        assertThat(m.imageToTextMeanRank()).isEqualTo(1.5);
        assertThat(m.textToImageR1()).isEqualTo(0.5);        // text1 finds image0 first
        assertThat(m.textToImageMeanRank()).isEqualTo(1.5);
        assertThat(m.imageToTextR5()).isEqualTo(1.0);
    }

    @Test
    void tiesCountAgainstThePartner() {
        float[][] same = {{1, 0}, {1, 0}};
        Retrieval.Metrics m = Retrieval.compute(same, same);
        assertThat(m.imageToTextR1()).isEqualTo(0.0);
        assertThat(m.imageToTextMeanRank()).isCloseTo(2.0, within(1e-9));
    }
}
