package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTipsTest {

    // image i belongs with caption i; the bird caption has no image
    private final SimilaritySnapshot snapshot = new SimilaritySnapshot(7, List.of("cat.png", "dog.png"),
            List.of("a cat", "a dog", "a bird"), new float[][] {{0.31234f, -0.1f, 0f}, {0.2f, 0.15f, 0.5f}}, null);

    @Test
    void softmaxGoesOverTheRowForImageToTextAndOverTheColumnForTextToImage() {
        SimilarityTips tips = new SimilarityTips(snapshot, 10);

        // by hand: row 0 at scale 10 is exp(3.1234), exp(-1), exp(0)
        double row = Math.exp(3.1234) + Math.exp(-1) + Math.exp(0);
        assertThat(tips.imageToText(0, 0)).isCloseTo(Math.exp(3.1234) / row, within(1e-6));
        assertThat(tips.imageToText(0, 1)).isCloseTo(Math.exp(-1) / row, within(1e-6));
        // column 1 at scale 10 is exp(-1), exp(1.5)
        assertThat(tips.textToImage(1, 1)).isCloseTo(Math.exp(1.5) / (Math.exp(-1) + Math.exp(1.5)), within(1e-6));
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += tips.imageToText(1, c);
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
    }

    @Test
    void ranksTheTruePartnerAmongTheRowAndDownTheColumn() {
        SimilarityTips tips = new SimilarityTips(snapshot);

        assertThat(tips.captionRank(0)).as("cat's caption is the row's best").isEqualTo(1);
        assertThat(tips.captionRank(1)).as("dog's caption: 0.15 below 0.5 and 0.2").isEqualTo(3);
        assertThat(tips.imageRank(0)).isEqualTo(1);
        assertThat(tips.imageRank(1)).as("a dog: its image 0.15 above the cat image's -0.1").isEqualTo(1);
        assertThat(tips.imageRank(2)).as("the bird caption has no true image").isZero();
    }

    @Test
    void theTextNamesThePairTheCosineBothProbabilitiesTheScaleAndTheRanks() {
        SimilarityTips tips = new SimilarityTips(snapshot, 10);

        assertThat(tips.text(1, 1)).isEqualTo("dog.png ↔ a dog (a true pair)\n"
                + "cosine 0.150\n"
                + "p(caption | image) " + String.format(java.util.Locale.ROOT, "%.3f", tips.imageToText(1, 1))
                + " · p(image | caption) 0.924\n"
                + "softmax at the run's logit scale 10.000\n"
                + "this image's caption ranks 3 of 3\n"
                + "this caption's image ranks 1 of 2");
        assertThat(tips.text(1, 2)).as("made once, then reused").isSameAs(tips.text(1, 2));
        assertThat(new SimilarityTips(snapshot).text(0, 2)).as("no recorded scale: CLIP's, said so")
                .contains("cosine 0.000").contains("logit scale 100 (CLIP's; the run's is not recorded)")
                .contains("this image's caption ranks 1 of 3").doesNotContain("this caption's image");
    }
}
