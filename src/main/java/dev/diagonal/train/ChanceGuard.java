package dev.diagonal.train;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Notices a loss stuck at chance: once past a warm-up window, when the mean loss of the last
 * {@code window} steps stays within 5 % of {@code ln(candidates)} (what guessing scores: the batch for pair
 * batches, the classes for class batches), it says so once.
 */
final class ChanceGuard {

    static final double TOLERANCE = 0.05;

    private final double chance;
    private final long startAfter;
    private final int window;
    private final ArrayDeque<Double> recent = new ArrayDeque<>();
    private boolean warned;

    /**
     * @param batchSize what each image is told apart from: the batch size, or the classes of class batches
     *     (chance loss is its natural log)
     * @param startAfter no warning before this step (the warm-up window)
     * @param window steps averaged
     * @param alreadyWarned true when a resumed run had warned before
     */
    ChanceGuard(int batchSize, long startAfter, int window, boolean alreadyWarned) {
        this.chance = ContrastiveLoss.chance(batchSize);
        this.startAfter = startAfter;
        this.window = window;
        this.warned = alreadyWarned;
    }

    /** Records the loss of {@code step}; returns the warning the first time the loss sits at chance. */
    Optional<String> observe(long step, double loss) {
        recent.addLast(loss);
        if (recent.size() > window) {
            recent.removeFirst();
        }
        if (warned || step < startAfter || recent.size() < window) {
            return Optional.empty();
        }
        double mean = recent.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (Math.abs(mean - chance) > TOLERANCE * chance) {
            return Optional.empty();
        }
        warned = true;
        return Optional.of(String.format(java.util.Locale.ROOT,
                "loss %.3f is at chance level (ln %d = %.3f) after %d steps: the model is not telling the pairs "
                        + "apart; check that captions match their images, or try another learning rate (--lr)",
                mean, Math.round(Math.exp(chance)), chance, step));
    }

    boolean warned() {
        return warned;
    }
}
