package dev.diagonal.train;

/**
 * The learning rate per optimizer step: linear warmup from {@code peak / warmup} to {@code peak} over
 * the first {@code warmup} steps, then a half cosine from {@code peak} down towards 0 at {@code total}.
 *
 * @param peak the learning rate after warmup
 * @param warmup warmup steps (0 for none)
 * @param total the run's optimizer steps
 */
public record LrSchedule(double peak, long warmup, long total) {

    /** Checks the numbers. */
    public LrSchedule {
        if (peak <= 0 || warmup < 0 || total < 1 || warmup > total) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", warmup " + warmup + ", total " + total);
        }
    }

    /** The learning rate of step {@code step} (0-based: the first step is step 0). */
    public double at(long step) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        long decaySteps = total - warmup;
        double progress = decaySteps == 0 ? 1.0 : (double) (step - warmup) / decaySteps;
        return peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, progress)));
    }
}
