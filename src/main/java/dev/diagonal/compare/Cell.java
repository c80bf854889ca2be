package dev.diagonal.compare;

import java.util.Locale;

/**
 * One cell of a comparison: a method at a number of shots with one seed. {@link #ZERO_SHOT} is the
 * base model itself (shots 0, nothing trained).
 *
 * @param method {@link #ZERO_SHOT} or a registered method's name
 * @param shots images per class trained on (0 for zero-shot)
 * @param seed the run's one seed (data order, split, few-shot pick)
 */
public record Cell(String method, int shots, long seed) {

    /** The pseudo-method that evaluates the base model without training. */
    public static final String ZERO_SHOT = "zero-shot";

    /** Whether this cell trains nothing. */
    public boolean zeroShot() {
        return ZERO_SHOT.equals(method);
    }

    /** The file-system name of the cell, e.g. {@code lora-4shot-seed2}; also its run folder's name. */
    public String name() {
        return String.format(Locale.ROOT, "%s-%dshot-seed%d", method, shots, seed);
    }

    /** For the console, e.g. {@code lora 4-shot seed 2}. */
    public String label() {
        return zeroShot() ? String.format(Locale.ROOT, "zero-shot seed %d", seed)
                : String.format(Locale.ROOT, "%s %d-shot seed %d", method, shots, seed);
    }
}
