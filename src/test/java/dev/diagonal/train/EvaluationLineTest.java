package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationLineTest {

    @Test
    void theContrastiveMetricsComeInAFixedOrder() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("probe_off_diagonal", 0.0055);
        metrics.put("image_to_text_mean_rank", 2.97);
        metrics.put("text_to_image_r1", 0.5263);
        metrics.put("zeroshot_top5", 0.1053);
        metrics.put("probe_diagonal", 0.6776);
        metrics.put("image_to_text_r1", 0.5);
        metrics.put("zeroshot_top1", 0.0263);
        assertThat(EvaluationLine.describe(metrics)).isEqualTo("zero-shot top-1 0.026 top-5 0.105 | R@1 image->text 0.500 "
                + "text->image 0.526 | probe diagonal 0.678 off-diagonal 0.006");
    }

    @Test
    void withoutAValidationSetTheProbeLeads() {
        assertThat(EvaluationLine.describe(Map.of("probe_diagonal", 0.75, "probe_off_diagonal", 0.003)))
                .isEqualTo("probe diagonal 0.750 off-diagonal 0.003");
    }

    @Test
    void otherMetricsAreListedByName() {
        Map<String, Double> probe = new LinkedHashMap<>();
        probe.put("probe_val_top1", 0.4319);
        probe.put("probe_c", 237.1);
        assertThat(EvaluationLine.describe(probe)).isEqualTo("probe_c 237.1 probe_val_top1 0.4319");
    }
}
