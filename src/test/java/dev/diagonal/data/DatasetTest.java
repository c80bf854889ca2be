package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static Dataset of(List<Sample> samples, List<String> classes) {
        ValidationReport report = new ValidationReport("x", samples.size(), samples.size(), Map.of(), List.of(),
                Map.of(), List.of());
        return new Dataset("x", Path.of("x"), samples, classes, report);
    }

    @Test
    void labelsAndCaptionsCountOnlyWhenEverySampleHasThem() {
        Sample both = new Sample(Path.of("/a.png"), "a cat", "cat");
        Sample captionOnly = new Sample(Path.of("/b.png"), "a dog", null);

        assertThat(of(List.of(both), List.of("cat")).hasLabels()).isTrue();
        assertThat(of(List.of(both, captionOnly), List.of("cat")).hasLabels()).isFalse();
        assertThat(of(List.of(both, captionOnly), List.of("cat")).hasCaptions()).isTrue();
        assertThat(of(List.of(), List.of()).hasLabels()).isFalse();
        assertThat(of(List.of(), List.of()).hasCaptions()).isFalse();
    }

    @Test
    void classCountsListEveryClassInLabelOrder() {
        List<Sample> samples = List.of(
                new Sample(Path.of("/1.png"), null, "zebra"),
                new Sample(Path.of("/2.png"), null, "ant"),
                new Sample(Path.of("/3.png"), null, "zebra"));

        assertThat(of(samples, List.of("ant", "moth", "zebra")).classCounts())
                .containsExactly(Map.entry("ant", 1), Map.entry("moth", 0), Map.entry("zebra", 2));
    }

    @Test
    void sampleExtrasAreFrozenCopies() {
        java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
        extra.put("category", "Food");
        Sample sample = new Sample(Path.of("/a.png"), "x", null, extra);
        extra.put("category", "changed");

        assertThat(sample.extra()).containsExactly(Map.entry("category", "Food"));
        assertThat(new Sample(Path.of("/a.png"), "x", null, null).extra()).isEmpty();
    }
}
