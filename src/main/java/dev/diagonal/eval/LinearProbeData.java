package dev.diagonal.eval;

import dev.diagonal.DiagonalException;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.FewShot;
import dev.diagonal.data.Sample;
import dev.diagonal.data.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The labelled images a linear probe trains and is validated on: the training data (optionally cut
 * to {@code shots} per class) and either the given validation data or a seeded, stratified share of
 * the training data. The validation split is taken before the few-shot cut, so it is the same for
 * every number of shots.
 *
 * @param train training samples
 * @param val validation samples, only of classes that occur in {@code train}
 * @param labels the class labels of {@code train}, sorted; a sample's class index is its position here
 * @param shortClasses classes with fewer than {@code shots} training images (label to count)
 */
public record LinearProbeData(List<Sample> train, List<Sample> val, List<String> labels,
        Map<String, Integer> shortClasses) {

    /** Share of the training data held out for validation when no validation data is given. */
    public static final double VAL_FRACTION = 0.2;

    /**
     * Loads and splits the data; {@code warnings} hears skipped rows, short classes and dropped
     * validation images.
     *
     * @param val validation data, or null to hold out {@link #VAL_FRACTION} of {@code train}
     * @param shots images per class to train on, 0 for all
     * @throws DiagonalException naming the file when data are missing, unusable or unlabelled, or when
     *     fewer than two classes or no validation images remain
     */
    public static LinearProbeData load(Path train, Path val, int shots, long seed, Consumer<String> warnings) {
        Dataset trainSet = labelled(train, warnings);
        List<Sample> trainSamples;
        List<Sample> valSamples;
        if (val == null) {
            Splits.Split split = Splits.split(trainSet.samples(), VAL_FRACTION, seed);
            trainSamples = split.train();
            valSamples = split.val();
        } else {
            trainSamples = trainSet.samples();
            valSamples = labelled(val, warnings).samples();
        }
        Map<String, Integer> shortClasses = Map.of();
        if (shots > 0) {
            FewShot.Result few = FewShot.sample(trainSamples, shots, seed);
            trainSamples = few.samples();
            shortClasses = few.shortClasses();
            if (!shortClasses.isEmpty()) {
                warnings.accept(few.summary());
            }
        }
        List<String> labels = List.copyOf(new TreeSet<>(trainSamples.stream().map(Sample::label).toList()));
        if (labels.size() < 2) {
            throw new DiagonalException(train + ": a linear probe needs at least 2 classes to train on, found "
                    + labels.size());
        }
        List<Sample> kept = new ArrayList<>();
        TreeSet<String> dropped = new TreeSet<>();
        for (Sample sample : valSamples) {
            if (labels.contains(sample.label())) {
                kept.add(sample);
            } else {
                dropped.add(sample.label());
            }
        }
        if (!dropped.isEmpty()) {
            warnings.accept("validation images of classes absent from the training data are left out: "
                    + String.join(", ", dropped));
        }
        if (kept.isEmpty()) {
            throw new DiagonalException((val == null ? train : val) + ": no validation images left for the C sweep"
                    + (val == null ? " (every class has a single image; give --val)" : ""));
        }
        return new LinearProbeData(trainSamples, kept, labels, shortClasses);
    }

    /** The class index of each sample, into {@link #labels()}. */
    public int[] indices(List<Sample> samples) {
        return samples.stream().mapToInt(s -> labels.indexOf(s.label())).toArray();
    }

    private static Dataset labelled(Path data, Consumer<String> warnings) {
        Dataset dataset = DatasetLoader.requireUsable(DatasetLoader.load(data));
        if (!dataset.hasLabels()) {
            throw new DiagonalException(data + " has no labels: a linear probe needs a class per image"
                    + " (class folders or a label column)");
        }
        if (dataset.report().skippedRows() > 0) {
            warnings.accept(dataset.report().summary());
        }
        return dataset;
    }
}
