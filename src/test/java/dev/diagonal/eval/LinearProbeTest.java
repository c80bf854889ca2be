package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearProbeTest {

    private static final List<String> CLASSES = List.of("circle", "square", "star", "triangle", "heart");

    /** Features of {@code perClass} images per class: a class centre on the sphere plus Gaussian noise, scaled at random. */
    record Synthetic(float[][] features, int[] labels) {

        static Synthetic make(int classes, int perClass, int dim, double noise, long seed) {
            Random centres = new Random(42);
            float[][] mean = new float[classes][dim];
            for (float[] m : mean) {
                for (int d = 0; d < dim; d++) {
                    m[d] = (float) centres.nextGaussian();
                }
            }
            Random random = new Random(seed);
            float[][] x = new float[classes * perClass][dim];
            int[] y = new int[classes * perClass];
            for (int i = 0; i < x.length; i++) {
                y[i] = i % classes;
                float scale = 0.5f + 3 * random.nextFloat();
                for (int d = 0; d < dim; d++) {
                    x[i][d] = scale * (mean[y[i]][d] + (float) (noise * random.nextGaussian()));
                }
            }
            return new Synthetic(x, y);
        }
    }

    @Test
    void separableFeaturesAreClassifiedPerfectlyWithAWeaklyRegularisedC() {
        Synthetic train = Synthetic.make(5, 40, 32, 0.3, 1);
        Synthetic val = Synthetic.make(5, 20, 32, 0.3, 2);
        Synthetic test = Synthetic.make(5, 30, 32, 0.3, 3);
        List<LinearProbeSweep.Point> heard = new ArrayList<>();

        LinearProbeFit fit = LinearProbeSweep.fit(train.features(), train.labels(), val.features(), val.labels(),
                CLASSES, LinearProbeSweep.Options.defaults(7), heard::add, () -> false);
        LinearProbeMetrics metrics = fit.probe().evaluate(test.features(), test.labels());

        assertThat(metrics.top1()).isEqualTo(1.0);
        assertThat(metrics.top5()).isEqualTo(1.0);
        assertThat(fit.val().top1()).isEqualTo(1.0);
        assertThat(metrics.perClass().values()).allSatisfy(stats -> assertThat(stats.top1()).isEqualTo(1.0));
        for (int c = 0; c < 5; c++) {
            assertThat(metrics.confusion()[c][c]).isEqualTo(30);
        }
        // every C tried was heard; the best one has the best accuracy and, among the best, the lowest log loss
        assertThat(heard).hasSameSizeAs(fit.sweep());
        double bestLoss = fit.sweep().stream().filter(p -> p.c() == fit.bestC()).findFirst().orElseThrow().valLogLoss();
        assertThat(fit.sweep()).allSatisfy(p -> assertThat(p.valTop1() < 1.0 || p.valLogLoss() >= bestLoss).isTrue());
        // tiny C barely moves the probabilities away from uniform: the sweep must not stop there
        assertThat(fit.bestC()).isGreaterThanOrEqualTo(1.0);
        assertThat(fit.valTop1ByC().get(1e-6)).isNotNull();
    }

    @Test
    void theSweepRefinesToAnEighthOfADecadeAroundTheBestCoarseC() {
        Synthetic train = Synthetic.make(3, 30, 16, 1.0, 11);
        Synthetic val = Synthetic.make(3, 30, 16, 1.0, 12);

        LinearProbeFit fit = LinearProbeSweep.fit(train.features(), train.labels(), val.features(), val.labels(),
                CLASSES.subList(0, 3), LinearProbeSweep.Options.defaults(1), p -> {}, () -> false);

        List<Double> exponents = fit.sweep().stream().map(p -> Math.log10(p.c())).toList();
        assertThat(exponents).isSorted();
        assertThat(exponents).contains(-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0);
        assertThat(exponents.size()).isBetween(8, 7 + 8);
        double best = Math.log10(fit.bestC());
        double closest = exponents.stream().filter(e -> Math.abs(e - best) > 1e-9)
                .mapToDouble(e -> Math.abs(e - best)).min().orElseThrow();
        assertThat(closest).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit.val().top1()).isEqualTo(fit.sweep().stream().mapToDouble(LinearProbeSweep.Point::valTop1).max().orElseThrow());
        assertThat(fit.val().top1()).isGreaterThan(0.8);
    }

    @Test
    void sameSeedSameProbeAndSaveLoadKeepsPredictions(@TempDir Path dir) {
        Synthetic train = Synthetic.make(5, 20, 24, 0.8, 5);
        Synthetic test = Synthetic.make(5, 10, 24, 0.8, 6);
        LinearProbe a = LinearProbe.train(train.features(), train.labels(), CLASSES, 3.0, 9);
        LinearProbe b = LinearProbe.train(train.features(), train.labels(), CLASSES, 3.0, 9);
        assertThat(a.model().getFeatureWeights()).containsExactly(b.model().getFeatureWeights());

        Path file = dir.resolve("probe.model");
        a.save(file);
        LinearProbe loaded = LinearProbe.load(file, CLASSES, 3.0);

        assertThat(loaded.featureDimension()).isEqualTo(24);
        double[][] before = a.probabilities(test.features());
        double[][] after = loaded.probabilities(test.features());
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).containsExactly(before[i], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(java.util.Arrays.stream(before[i]).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(dir.toFile().list()).containsExactly("probe.model");
    }

    @Test
    void scaleOfTheFeaturesDoesNotMatter() {
        Synthetic train = Synthetic.make(5, 20, 24, 0.8, 5);
        LinearProbe probe = LinearProbe.train(train.features(), train.labels(), CLASSES, 10.0, 1);
        float[] row = train.features()[3].clone();
        float[] scaled = row.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 17;
        }
        assertThat(probe.probabilities(scaled)).containsExactly(probe.probabilities(row), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void badInputsAreRefusedWithTheirName(@TempDir Path dir) throws IOException {
        float[][] x = {{1, 0}, {0.9f, 0.1f}};
        assertThatThrownBy(() -> LinearProbe.train(x, new int[] {1, 1}, CLASSES, 1, 0))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("at least 2 classes");
        Path garbage = Files.writeString(dir.resolve("probe.model"), "not a model\n");
        assertThatThrownBy(() -> LinearProbe.load(garbage, CLASSES, 1))
                .isInstanceOf(DiagonalException.class).hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> LinearProbe.load(dir.resolve("missing.model"), CLASSES, 1))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("missing.model");
        LinearProbe probe = LinearProbe.train(new float[][] {{1, 0}, {0, 1}, {1, 0.1f}}, new int[] {0, 4, 0}, CLASSES, 1, 0);
        Path saved = dir.resolve("five.model");
        probe.save(saved);
        assertThatThrownBy(() -> LinearProbe.load(saved, CLASSES.subList(0, 2), 1))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("five.model");
    }

    @Test
    void cancellingStopsTheSweep() {
        Synthetic train = Synthetic.make(3, 10, 8, 0.5, 1);
        int[] trained = {0};
        assertThatThrownBy(() -> LinearProbeSweep.fit(train.features(), train.labels(), train.features(), train.labels(),
                CLASSES.subList(0, 3), LinearProbeSweep.Options.defaults(0), p -> trained[0]++, () -> trained[0] >= 2))
                .isInstanceOf(CancellationException.class);
        assertThat(trained[0]).isEqualTo(2);
    }
}
