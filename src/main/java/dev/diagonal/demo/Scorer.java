package dev.diagonal.demo;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.Similarity;
import dev.diagonal.eval.ZeroShot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one model on emoji sets: each image's caption is its name, its label its subcategory. The
 * classifiers are prompt ensembles (the project's templates) over every name and every subcategory;
 * the names of the adaptation set are marked, to count how often they are guessed.
 */
final class Scorer {

    private final Embedder embedder;
    private final List<String> names;
    private final List<String> subcategories;
    private final float[][] nameClasses;
    private final float[][] subcategoryClasses;
    private final boolean[] adaptationName;
    private final int batchSize;

    Scorer(Embedder embedder, List<String> names, Set<String> adaptationNames, List<String> subcategories,
            List<String> templates, int batchSize) {
        this.embedder = embedder;
        this.names = names;
        this.adaptationName = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            adaptationName[i] = adaptationNames.contains(names.get(i));
        }
        this.subcategories = subcategories;
        this.batchSize = batchSize;
        this.nameClasses = ZeroShot.classifier(embedder, names, templates, batchSize);
        this.subcategoryClasses = ZeroShot.classifier(embedder,
                subcategories.stream().map(CaptionTemplates::className).toList(), templates, batchSize);
    }

    /** Unit image features of the samples. */
    float[][] imageFeatures(List<Sample> samples) {
        float[][] features = embedder.embedImages(samples.stream().map(Sample::image).toList(), batchSize, done -> {});
        for (int i = 0; i < features.length; i++) {
            features[i] = Similarity.normalized(features[i]);
        }
        return features;
    }

    /** Both measures on the samples. */
    SetScores score(List<Sample> samples) {
        float[][] images = imageFeatures(samples);
        int[] nameTruth = indices(samples.stream().map(Sample::caption).toList(), names);
        int[] subTruth = indices(samples.stream().map(Sample::label).toList(), subcategories);
        float[][] nameCosine = Similarity.cosine(images, nameClasses);
        int[] nameRanks = ranks(nameCosine, nameTruth);
        int[] subRanks = ranks(Similarity.cosine(images, subcategoryClasses), subTruth);
        return new SetScores(samples.size(), share(nameRanks, 1), share(nameRanks, 5), share(subRanks, 1),
                share(subRanks, 5), shareGuessedAmong(nameCosine, adaptationName));
    }

    /** Cosines of the images against the names' ensemble embeddings (the probe heatmap). */
    float[][] nameSimilarity(List<Sample> samples) {
        int[] truth = indices(samples.stream().map(Sample::caption).toList(), names);
        float[][] columns = new float[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            columns[i] = nameClasses[truth[i]];
        }
        return Similarity.cosine(imageFeatures(samples), columns);
    }

    /** Cosines of the images against the prompt ensembles of their subcategories (the probe heatmap). */
    float[][] classSimilarity(List<Sample> samples) {
        int[] truth = indices(samples.stream().map(Sample::label).toList(), subcategories);
        float[][] columns = new float[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            columns[i] = subcategoryClasses[truth[i]];
        }
        return Similarity.cosine(imageFeatures(samples), columns);
    }

    /** For each row, how many classes score strictly higher than the true one (0: top-1). */
    static int[] ranks(float[][] cosine, int[] truth) {
        int[] ranks = new int[cosine.length];
        for (int i = 0; i < cosine.length; i++) {
            float target = cosine[i][truth[i]];
            int higher = 0;
            for (float value : cosine[i]) {
                if (value > target) {
                    higher++;
                }
            }
            ranks[i] = higher;
        }
        return ranks;
    }

    /** The share of rows whose highest-scoring class (the first on ties) is a {@code marked} one. */
    static double shareGuessedAmong(float[][] cosine, boolean[] marked) {
        int hits = 0;
        for (float[] row : cosine) {
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            hits += marked[best] ? 1 : 0;
        }
        return cosine.length == 0 ? 0 : (double) hits / cosine.length;
    }

    private static double share(int[] ranks, int k) {
        long hits = java.util.Arrays.stream(ranks).filter(r -> r < k).count();
        return ranks.length == 0 ? 0 : (double) hits / ranks.length;
    }

    private static int[] indices(List<String> values, List<String> vocabulary) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        return values.stream().mapToInt(v -> index.get(v)).toArray();
    }
}
