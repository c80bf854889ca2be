package dev.diagonal.train;

/**
 * How long a run is and how its learning rate moves: linear warmup, then cosine decay to 0.
 *
 * @param epochs passes over the training set; {@value #AUTO}: auto, enough for {@value #AUTO_MIN_STEPS} optimizer steps and
 *     at least {@value #AUTO_MIN_EPOCHS} epochs (picked when the run starts; {@code run.json} then holds the number)
 * @param maxSteps stop after this many optimizer steps (0: no limit); the schedule spans the shorter run
 * @param warmupSteps linear warmup steps; negative means {@code warmupFraction} of all steps
 * @param warmupFraction share of all steps used for warmup when {@code warmupSteps} is negative
 * @param accumulation micro-batches whose gradients add up to one optimizer step
 */
public record ScheduleSettings(int epochs, long maxSteps, int warmupSteps, double warmupFraction, int accumulation) {

    /** The epochs value that means "pick": {@link #autoEpochs}. */
    public static final int AUTO = 0;
    /** Auto epochs give a run at least this many optimizer steps (docs/training-contract.md). */
    public static final int AUTO_MIN_STEPS = 200;
    /** Auto epochs are never fewer than this. */
    public static final int AUTO_MIN_EPOCHS = 5;

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public ScheduleSettings {
        Setting.EPOCHS.require(epochs >= 0, "must be at least 1, or 0 (auto), not " + epochs);
        Setting.MAX_STEPS.require(maxSteps >= 0, "must not be negative (0: no limit), not " + maxSteps);
        Setting.WARMUP_FRACTION.require(warmupFraction >= 0 && warmupFraction < 1, "must be in [0, 1), not " + warmupFraction);
        Setting.ACCUMULATION.require(accumulation >= 1, "must be at least 1, not " + accumulation);
    }

    /** Warmup steps for a run of {@code totalSteps}. */
    public long warmupFor(long totalSteps) {
        return warmupSteps >= 0 ? Math.min(warmupSteps, totalSteps) : (long) Math.floor(totalSteps * warmupFraction);
    }

    /**
     * The epochs {@link #AUTO} picks for {@code batchesPerEpoch} micro-batches per epoch: the fewest that make
     * {@value #AUTO_MIN_STEPS} optimizer steps, and at least {@value #AUTO_MIN_EPOCHS}; a set number of epochs stays.
     */
    public int autoEpochs(int batchesPerEpoch) {
        if (epochs != AUTO) {
            return epochs;
        }
        long micro = (long) AUTO_MIN_STEPS * accumulation;
        return (int) Math.max(AUTO_MIN_EPOCHS, (micro + Math.max(1, batchesPerEpoch) - 1) / Math.max(1, batchesPerEpoch));
    }

    /** Why {@link #autoEpochs} picked its number, in one line. */
    public String autoEpochsReason(int batchesPerEpoch) {
        return String.format(java.util.Locale.ROOT, "epochs auto: %d (%d batches per epoch; at least %d optimizer steps and %d epochs)",
                autoEpochs(batchesPerEpoch), batchesPerEpoch, AUTO_MIN_STEPS, AUTO_MIN_EPOCHS);
    }
}
