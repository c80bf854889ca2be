package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FewShotTest {

    @Test
    void takesKPerClassAndReportsClassesWithFewer() {
        List<Sample> samples = SplitsTest.labelled(10, 3, 8);

        FewShot.Result result = FewShot.sample(samples, 4, 0);

        Map<String, Long> perClass = result.samples().stream()
                .collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
        assertThat(perClass).containsExactlyInAnyOrderEntriesOf(Map.of("c0", 4L, "c1", 3L, "c2", 4L));
        assertThat(result.shortClasses()).containsExactly(Map.entry("c1", 3));
        assertThat(result.summary()).isEqualTo("4 shots: 11 samples; 1 class has fewer: c1 3");
        assertThat(result.samples()).extracting(Sample::label)
                .containsExactly("c0", "c0", "c0", "c0", "c1", "c1", "c1", "c2", "c2", "c2", "c2");
    }

    @Test
    void sameSeedSamePickOtherSeedOtherPickWhateverTheInputOrder() {
        List<Sample> samples = SplitsTest.labelled(30, 30, 30);
        List<Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(1));

        FewShot.Result a = FewShot.sample(samples, 5, 123);

        assertThat(FewShot.sample(shuffled, 5, 123)).isEqualTo(a);
        assertThat(FewShot.sample(samples, 5, 124).samples()).isNotEqualTo(a.samples());
        assertThat(a.shortClasses()).isEmpty();
        assertThat(a.summary()).isEqualTo("5 shots: 15 samples");
    }

    @Test
    void fewerShotsAreASubsetOfMoreShotsForOneSeed() {
        List<Sample> samples = SplitsTest.labelled(20, 20);

        assertThat(FewShot.sample(samples, 8, 5).samples()).containsAll(FewShot.sample(samples, 2, 5).samples());
    }

    @Test
    void refusesUnlabelledSamplesAndNonPositiveK() {
        List<Sample> unlabelled = List.of(new Sample(Path.of("/a.png"), "a cat", null));

        assertThatThrownBy(() -> FewShot.sample(unlabelled, 1, 0))
                .isInstanceOf(DiagonalException.class)
                .hasMessage("few-shot sampling needs a label on every sample; 1 have none");
        assertThatThrownBy(() -> FewShot.sample(SplitsTest.labelled(2), 0, 0))
                .isInstanceOf(DiagonalException.class)
                .hasMessage("shots must be at least 1, got 0");
    }
}
