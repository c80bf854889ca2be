package dev.diagonal.eval;

/**
 * Image–text retrieval over paired features (image {@code i} belongs with text {@code i}): recall at
 * 1, 5 and 10 and the mean rank of the true partner, both ways, as in the CLIP paper.
 */
public final class Retrieval {

    private Retrieval() {}

    /** Recalls are fractions; mean ranks start at 1 (1 = the partner always comes first). */
    public record Metrics(double imageToTextR1, double imageToTextR5, double imageToTextR10, double imageToTextMeanRank,
            double textToImageR1, double textToImageR5, double textToImageR10, double textToImageMeanRank) {}

    /** Retrieval metrics for {@code images[i]} paired with {@code texts[i]} (features need not be normalised). */
    public static Metrics compute(float[][] images, float[][] texts) {
        if (images.length != texts.length) {
            throw new IllegalArgumentException(images.length + " images but " + texts.length + " texts");
        }
        float[][] cosine = Similarity.cosine(images, texts);
        int[] imageRanks = new int[images.length];
        int[] textRanks = new int[images.length];
        for (int i = 0; i < images.length; i++) {
            imageRanks[i] = rankOfPartner(cosine, i, true);
            textRanks[i] = rankOfPartner(cosine, i, false);
        }
        return new Metrics(recall(imageRanks, 1), recall(imageRanks, 5), recall(imageRanks, 10), mean(imageRanks),
                recall(textRanks, 1), recall(textRanks, 5), recall(textRanks, 10), mean(textRanks));
    }

    /** 1-based rank of entry (i, i) in row i (byRow) or column i; ties count against the partner. */
    static int rankOfPartner(float[][] cosine, int i, boolean byRow) {
        float partner = cosine[i][i];
        int rank = 1;
        for (int j = 0; j < cosine.length; j++) {
            float other = byRow ? cosine[i][j] : cosine[j][i];
            if (j != i && other >= partner) {
                rank++;
            }
        }
        return rank;
    }

    private static double recall(int[] ranks, int k) {
        int hits = 0;
        for (int rank : ranks) {
            if (rank <= k) {
                hits++;
            }
        }
        return ranks.length == 0 ? 0 : (double) hits / ranks.length;
    }

    private static double mean(int[] ranks) {
        double sum = 0;
        for (int rank : ranks) {
            sum += rank;
        }
        return ranks.length == 0 ? 0 : sum / ranks.length;
    }
}
