package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroShotTest {

    @Test
    void scoresTopOneTopFivePerClassAndConfusion() {
        // 3 images, 6 classes; truths 0, 1, 2
        float[][] cosine = {
            {0.9f, 0.1f, 0f, 0f, 0f, 0f},          // right
            {0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f},  // truth 1 ranked 2nd
            {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.1f},  // truth 2 ranked 3rd
        };
        List<String> classes = List.of("cat", "dog", "cow", "pig", "hen", "ant");
        ZeroShot.Result r = ZeroShot.score(cosine, 100f, List.of("a", "b", "c"), new int[] {0, 1, 2}, classes);
        assertThat(r.top1()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.top5()).isEqualTo(1.0);
        assertThat(r.confusion()[1][0]).isEqualTo(1);
        assertThat(r.confusion()[2][0]).isEqualTo(1);
        assertThat(r.perClass().get("cat").top1()).isEqualTo(1.0);
        assertThat(r.perClass().get("dog").top1()).isEqualTo(0.0);
        assertThat(r.perClass().get("pig").count()).isZero();
        assertThat(r.predictions().get(1).predicted()).isEqualTo("cat");
        // softmax(100 * [0.9, 0.1, 0, 0, 0, 0]) puts almost everything on "cat"
        assertThat(r.predictions().get(0).score()).isGreaterThan(0.999);
    }

    @Test
    void similarityHelpers() {
        assertThat(Similarity.normalized(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
        assertThat(Similarity.argsortDescending(new float[] {0.1f, 0.5f, 0.5f, 0.2f})).containsExactly(1, 2, 3, 0);
        double[] p = Similarity.softmax(new float[] {0, 0}, 10f);
        assertThat(p[0]).isEqualTo(0.5);
    }
}
