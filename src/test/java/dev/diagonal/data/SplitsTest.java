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

class SplitsTest {

    /** {@code counts[c]} samples of class "c{c}". */
    static List<Sample> labelled(int... counts) {
        List<Sample> samples = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                samples.add(new Sample(Path.of("/data/c" + c + "/img" + i + ".png"), null, "c" + c));
            }
        }
        return samples;
    }

    private static Map<String, Long> perClass(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Sample> samples = labelled(40, 30, 30);

        Splits.Split a = Splits.split(samples, 0.2, 42);
        Splits.Split b = Splits.split(samples, 0.2, 42);
        Splits.Split c = Splits.split(samples, 0.2, 43);

        assertThat(a).isEqualTo(b);
        assertThat(c.val()).isNotEqualTo(a.val());
        assertThat(perClass(c.val())).isEqualTo(perClass(a.val()));
    }

    @Test
    void theSplitDoesNotDependOnInputOrder() {
        List<Sample> samples = labelled(25, 17, 9);
        List<Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(5));

        assertThat(Splits.split(shuffled, 0.3, 7)).isEqualTo(Splits.split(samples, 0.3, 7));
    }

    @Test
    void stratifiesByLabelWithLargestRemainders() {
        List<Sample> samples = labelled(50, 25, 15, 10); // 100 samples, 20 % → 20 for validation

        Splits.Split split = Splits.split(samples, 0.2, 1);

        assertThat(split.val()).hasSize(20);
        assertThat(perClass(split.val())).containsExactlyInAnyOrderEntriesOf(
                Map.of("c0", 10L, "c1", 5L, "c2", 3L, "c3", 2L));
        assertThat(split.train()).hasSize(80).doesNotContainAnyElementsOf(split.val());
        List<Sample> union = new ArrayList<>(split.train());
        union.addAll(split.val());
        assertThat(union).containsExactlyInAnyOrderElementsOf(samples);
    }

    @Test
    void sharesOutRoundingByLargestRemainderAndKeepsATrainingSamplePerClass() {
        // shares at 25 %: 1.75, 1.75, 0.5, 0.25; total round(17 * 0.25) = 4 → floors 1, 1, 0, 0 plus the two largest remainders
        List<Sample> samples = labelled(7, 7, 2, 1);

        Splits.Split split = Splits.split(samples, 0.25, 3);

        assertThat(perClass(split.val())).containsExactlyInAnyOrderEntriesOf(Map.of("c0", 2L, "c1", 2L));
        assertThat(perClass(split.train())).containsEntry("c2", 2L).containsEntry("c3", 1L);
    }

    @Test
    void splitsUnlabelledSamplesByFraction() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            samples.add(new Sample(Path.of("/x/" + i + ".png"), "caption " + i, null));
        }

        Splits.Split split = Splits.split(samples, 0.1, 9);

        assertThat(split.val()).hasSize(3);
        assertThat(split.train()).hasSize(30);
        assertThat(Splits.split(samples, 0.0, 9).val()).isEmpty();
    }

    @Test
    void refusesFractionsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> Splits.split(labelled(3), 1.0, 0))
                .isInstanceOf(DiagonalException.class)
                .hasMessage("validation fraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Splits.split(labelled(3), Double.NaN, 0)).isInstanceOf(DiagonalException.class);
        assertThatThrownBy(() -> Splits.split(labelled(3), -0.1, 0)).isInstanceOf(DiagonalException.class);
    }

    @Test
    void aClassKeepsItsSplitWhenAnotherClassIsAdded() {
        List<Sample> all = labelled(20, 20, 20);
        List<Sample> withoutFirstClass = all.stream().filter(s -> !s.label().equals("c0")).toList();

        Splits.Split large = Splits.split(all, 0.25, 11);
        Splits.Split small = Splits.split(withoutFirstClass, 0.25, 11);

        assertThat(large.val()).containsAll(small.val());
    }
}
