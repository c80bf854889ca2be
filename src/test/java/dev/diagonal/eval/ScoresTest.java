package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core's numbers on hand-made features, under their canonical names. */
class ScoresTest {

    @Test
    void retrievalGivesEveryRetrievalNameAndTheirMeanR1() {
        float[][] images = {{1, 0}, {0, 1}, {1, 1}};
        float[][] texts = {{1, 0}, {1, 1}, {0, 1}}; // image 0 finds its text; 1 and 2 are swapped
        Map<String, Double> scores = Scores.retrieval(images, texts);

        assertThat(scores.keySet()).containsExactlyElementsOf(MetricNames.RETRIEVAL);
        assertThat(scores.get(MetricNames.IMAGE_TO_TEXT_R1)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(scores.get(MetricNames.IMAGE_TO_TEXT_R5)).isEqualTo(1.0);
        assertThat(scores.get(MetricNames.RECALL_AT_1)).isEqualTo(
                (scores.get(MetricNames.IMAGE_TO_TEXT_R1) + scores.get(MetricNames.TEXT_TO_IMAGE_R1)) / 2);
    }

    @Test
    void zeroShotClassifiesThroughAnyTextEncoder() {
        // a fake encoder: "a" prompts point along x, "b" prompts along y
        TextEncoder encoder = (texts, batch) -> texts.stream()
                .map(t -> t.contains("a") ? new float[] {1, 0.1f} : new float[] {0.1f, 1}).toArray(float[][]::new);
        float[][] images = {{2, 0}, {0, 3}, {1, 0}};
        ZeroShot.Result result = Scores.zeroShot(encoder, images, new int[] {0, 1, 1}, List.of("x", "y", "z"),
                List.of("a", "b"), List.of("{}", "photo of {}"), 100f, 2, new ZeroShot.Skipped(0, List.of()));

        assertThat(Scores.zeroShot(result)).containsExactly(Map.entry(MetricNames.ZEROSHOT_TOP1, 2 / 3.0),
                Map.entry(MetricNames.ZEROSHOT_TOP5, 1.0));
        assertThat(result.metrics()).isEqualTo(Scores.zeroShot(result));
    }

    @Test
    void probeMeasuresTheDiagonal() {
        float[][] cosine = {{0.9f, 0.1f}, {0.5f, 0.3f}};
        Map<String, Double> scores = Scores.probe(cosine);

        assertThat(scores.get(MetricNames.PROBE_DIAGONAL)).isCloseTo(0.6, within(1e-6));
        assertThat(scores.get(MetricNames.PROBE_OFF_DIAGONAL)).isCloseTo(0.3, within(1e-6));
        assertThat(scores.get(MetricNames.PROBE_TOP1)).isEqualTo(0.5);
    }
}
