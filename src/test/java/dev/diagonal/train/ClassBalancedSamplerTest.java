package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassBalancedSamplerTest {

    /** 30 classes of very unequal sizes (1 to 40 samples), shuffled. */
    private static List<String> imbalancedLabels() {
        List<String> labels = new ArrayList<>();
        Random random = new Random(3);
        for (int c = 0; c < 30; c++) {
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                labels.add("class-" + c);
            }
        }
        java.util.Collections.shuffle(labels, random);
        return labels;
    }

    @Test
    void neverPutsTwoSamplesOfOneClassInABatch() {
        List<String> labels = imbalancedLabels();
        ClassBalancedSampler sampler = new ClassBalancedSampler(labels, 16, 7);
        for (int epoch = 0; epoch < 5; epoch++) {
            int[][] batches = sampler.epoch(epoch);
            assertThat(batches.length).isEqualTo(sampler.batchesPerEpoch());
            Set<Integer> seen = new HashSet<>();
            for (int[] batch : batches) {
                assertThat(batch).hasSize(16);
                Set<String> classes = new HashSet<>();
                for (int index : batch) {
                    assertThat(classes.add(labels.get(index))).as("class repeated in a batch").isTrue();
                    assertThat(seen.add(index)).as("sample used twice in an epoch").isTrue();
                }
            }
        }
    }

    @Test
    void usesAsManyFullBatchesAsTheClassesAllow() {
        // 3 classes of 5, 5 and 2 with batches of 2: at most floor(12 / 2) = 6 batches
        List<String> labels = new ArrayList<>();
        for (String[] group : new String[][] {{"a", "5"}, {"b", "5"}, {"c", "2"}}) {
            for (int i = 0; i < Integer.parseInt(group[1]); i++) {
                labels.add(group[0]);
            }
        }
        assertThat(new ClassBalancedSampler(labels, 2, 0).batchesPerEpoch()).isEqualTo(6);
    }

    @Test
    void isDeterministicPerSeedAndEpochAndVariesAcrossEpochs() {
        List<String> labels = imbalancedLabels();
        ClassBalancedSampler a = new ClassBalancedSampler(labels, 8, 11);
        ClassBalancedSampler b = new ClassBalancedSampler(labels, 8, 11);
        assertThat(a.epoch(3)).isDeepEqualTo(b.epoch(3));
        assertThat(Arrays.deepEquals(a.epoch(0), a.epoch(1))).isFalse();
        assertThat(Arrays.deepEquals(a.epoch(0), new ClassBalancedSampler(labels, 8, 12).epoch(0))).isFalse();
    }

    @Test
    void capsTheBatchSizeToTheNumberOfClasses() {
        List<String> labels = List.of("a", "a", "b", "b", "c", "c");
        ClassBalancedSampler sampler = new ClassBalancedSampler(labels, 32, 0);
        assertThat(sampler.batchSize()).isEqualTo(3);
        assertThat(sampler.batchesPerEpoch()).isEqualTo(2);
    }

    @Test
    void shufflesUnlabelledDataIntoFullBatches() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            labels.add(null);
        }
        ClassBalancedSampler sampler = new ClassBalancedSampler(labels, 4, 1);
        assertThat(sampler.balanced()).isFalse();
        int[][] batches = sampler.epoch(0);
        assertThat(batches).hasNumberOfRows(2);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(batches).forEach(batch -> Arrays.stream(batch).forEach(all::add));
        assertThat(all).hasSize(8);
    }

    @Test
    void refusesASingleClass() {
        assertThatThrownBy(() -> new ClassBalancedSampler(List.of("a", "a", "a"), 8, 0))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("1 class");
    }

    @Test
    void fillModeCutsLabelledDataIntoFullBatchesOfAnyClasses() {
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            labels.add(i % 2 == 0 ? "cat" : "dog");
        }
        ClassBalancedSampler sampler = new ClassBalancedSampler(labels, 16, 3, Batches.FILL);
        assertThat(sampler.batchSize()).isEqualTo(16);
        assertThat(sampler.balanced()).isFalse();
        int[][] batches = sampler.epoch(0);
        assertThat(batches).hasNumberOfRows(4);
        assertThat(java.util.Arrays.stream(batches).flatMapToInt(java.util.Arrays::stream).distinct().count()).isEqualTo(64);
        assertThat(sampler.epoch(1)).isNotEqualTo(batches).isNotEqualTo(new ClassBalancedSampler(labels, 16, 4, Batches.FILL).epoch(1));
        assertThat(new ClassBalancedSampler(labels, 16, 3, Batches.FILL).epoch(1)).isEqualTo(sampler.epoch(1));
    }
}
