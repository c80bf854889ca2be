package dev.diagonal.train;

/**
 * How long a run is and how its learning rate moves: linear warmup, then cosine decay to 0.
 *
 * @param epochs passes over the training set
 * @param maxSteps stop after this many optimizer steps (0: no limit); the schedule spans the shorter run
 * @param warmupSteps linear warmup steps; negative means {@code warmupFraction} of all steps
 * @param warmupFraction share of all steps used for warmup when {@code warmupSteps} is negative
 * @param accumulation micro-batches whose gradients add up to one optimizer step
 */
public record ScheduleSettings(int epochs, long maxSteps, int warmupSteps, double warmupFraction, int accumulation) {

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public ScheduleSettings {
        Setting.EPOCHS.require(epochs >= 1, "must be at least 1, not " + epochs);
        Setting.MAX_STEPS.require(maxSteps >= 0, "must not be negative (0: no limit), not " + maxSteps);
        Setting.WARMUP_FRACTION.require(warmupFraction >= 0 && warmupFraction < 1, "must be in [0, 1), not " + warmupFraction);
        Setting.ACCUMULATION.require(accumulation >= 1, "must be at least 1, not " + accumulation);
    }

    /** Warmup steps for a run of {@code totalSteps}. */
    public long warmupFor(long totalSteps) {
        return warmupSteps >= 0 ? Math.min(warmupSteps, totalSteps) : (long) Math.floor(totalSteps * warmupFraction);
    }
}
