package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTipsTest {

    private final SimilaritySnapshot snapshot = new SimilaritySnapshot(7, List.of("cat.png", "dog.png"),
            List.of("a cat", "a dog", "a bird"), new float[][] {{0.31234f, -0.1f, 0f}, {0.2f, 0.9996f, 0.5f}}, null);

    @Test
    void namesTheImageTheCaptionAndTheSimilarityToThreeDecimals() {
        SimilarityTips tips = new SimilarityTips(snapshot);

        assertThat(tips.text(0, 0)).isEqualTo("cat.png ↔ a cat: 0.312");
        assertThat(tips.text(0, 1)).isEqualTo("cat.png ↔ a dog: -0.100");
        assertThat(tips.text(1, 1)).isEqualTo("dog.png ↔ a dog: 1.000");
        assertThat(tips.text(1, 2)).as("made once, then reused").isSameAs(tips.text(1, 2));
    }
}
