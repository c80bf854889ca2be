package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Dataset;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.FewShot;
import dev.diagonal.data.Sample;
import dev.diagonal.data.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the data arguments of a run into its training and validation samples, deterministically (a
 * resumed run gets the same lists): load and validate, split off a validation share when no validation
 * set is given, pick few-shot samples, and caption label-only samples from {@link CaptionTemplates}.
 */
public final class DataSetup {

    /** The prefix of a batch key made from a label (the sample had no caption of its own). */
    static final String LABEL_KEY = "label:";

    /** Fewest validation samples worth splitting off. */
    static final int MIN_SPLIT_VAL = 2;

    /**
     * The samples of a run.
     *
     * @param train training samples, each with a caption
     * @param val validation samples, each with a caption (empty when there is no validation set)
     * @param classes class labels seen in the data (empty for caption-only data)
     * @param batchKeys per training sample, what must not repeat within a batch for the contrastive
     *     targets to be true: its own caption (case-folded), or its label when the caption comes from a
     *     template; null when it has neither
     */
    public record Prepared(List<Sample> train, List<Sample> val, List<String> classes, List<String> batchKeys) {

        /** Whether every training sample has a label and no caption of its own: the data {@link Batches#CLASSES} trains on class prompts. */
        public boolean labelsOnly() {
            return labelsOnly(batchKeys);
        }

        static boolean labelsOnly(List<String> batchKeys) {
            return !batchKeys.isEmpty() && batchKeys.stream().allMatch(key -> key != null && key.startsWith(LABEL_KEY));
        }
    }

    private DataSetup() {}

    /** Loads and prepares; notes for the user (skipped rows, no validation set) go to {@code warnings}. */
    public static Prepared prepare(Path trainPath, Path valPath, TrainingConfig config, Consumer<String> warnings) {
        Dataset trainSet = load(trainPath, warnings);
        List<Sample> train = trainSet.samples();
        List<Sample> val;
        if (valPath != null) {
            val = load(valPath, warnings).samples();
        } else if (config.data().valFraction() > 0 && Math.round(train.size() * config.data().valFraction()) >= MIN_SPLIT_VAL) {
            Splits.Split split = Splits.split(train, config.data().valFraction(), config.seed());
            train = split.train();
            val = split.val();
        } else {
            val = List.of();
            warnings.accept("no validation set (give validation data, --val, or more data for the validation fraction, --val-fraction, "
                    + config.data().valFraction()
                    + "): evaluation uses a probe batch of training images only");
        }
        if (config.data().shots() > 0) {
            FewShot.Result picked = FewShot.sample(train, config.data().shots(), config.seed());
            train = picked.samples();
            if (!picked.shortClasses().isEmpty()) {
                warnings.accept(picked.summary());
            }
        }
        List<String> batchKeys = train.stream().map(DataSetup::batchKey).toList();
        CaptionTemplates templates = CaptionTemplates.defaults();
        train = captioned(templates.fillCaptions(train, config.seed()), trainPath);
        val = captioned(templates.fillCaptions(val, config.seed() + 1), valPath == null ? trainPath : valPath);
        List<String> classes = new ArrayList<>(new java.util.TreeSet<>(
                java.util.stream.Stream.concat(train.stream(), val.stream())
                        .map(Sample::label).filter(l -> l != null).toList()));
        return new Prepared(train, val, classes, batchKeys);
    }

    private static String batchKey(Sample sample) {
        if (sample.caption() != null && !sample.caption().isBlank()) {
            return "caption:" + sample.caption().strip().toLowerCase(java.util.Locale.ROOT);
        }
        return sample.label() == null ? null : LABEL_KEY + sample.label();
    }

    private static Dataset load(Path path, Consumer<String> warnings) {
        Dataset dataset = DatasetLoader.requireUsable(DatasetLoader.load(path));
        if (dataset.report().skippedRows() > 0) {
            warnings.accept(dataset.report().summary());
        }
        return dataset;
    }

    private static List<Sample> captioned(List<Sample> samples, Path source) {
        for (Sample sample : samples) {
            if (sample.caption() == null || sample.caption().isBlank()) {
                throw new DiagonalException(source + ": " + sample.image().getFileName()
                        + " has neither a caption nor a label; contrastive training needs one of them");
            }
        }
        return samples;
    }
}
