package dev.diagonal.train;

/**
 * When a run evaluates and checkpoints, and what it keeps.
 *
 * @param evalEvery evaluate every this many steps (and at the end); 0 means about 10 times per run
 * @param checkpointEvery write a checkpoint every this many steps (and at the end); 0 means by the clock: when
 *     {@link #CHECKPOINT_MINUTES} have passed since the last one, at the end and on cancel
 * @param keepCheckpoints how many recent checkpoints to keep
 * @param probeSize images (with their captions) in the probe batch whose similarity matrix is saved
 */
public record EvaluationSettings(int evalEvery, int checkpointEvery, int keepCheckpoints, int probeSize) {

    /** Minutes between checkpoints when {@code checkpointEvery} is 0: a ViT-B/32 checkpoint is about 1.8 GB. */
    public static final int CHECKPOINT_MINUTES = 10;

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public EvaluationSettings {
        Setting.EVAL_EVERY.require(evalEvery >= 0, "must not be negative (0: about 10 times per run), not " + evalEvery);
        Setting.CHECKPOINT_EVERY.require(checkpointEvery >= 0, "must not be negative (0: every " + CHECKPOINT_MINUTES
                + " minutes), not "
                + checkpointEvery);
        Setting.KEEP_CHECKPOINTS.require(keepCheckpoints >= 1, "must be at least 1, not " + keepCheckpoints);
        Setting.PROBE_SIZE.require(probeSize >= 2, "must be at least 2, not " + probeSize);
    }

    /** Evaluation interval for a run of {@code totalSteps}. */
    public long evalIntervalFor(long totalSteps) {
        return evalEvery > 0 ? evalEvery : Math.max(1, totalSteps / 10);
    }

    /**
     * Whether a checkpoint is due after {@code step} of {@code totalSteps}, {@code secondsSinceLast} after the last
     * one (or the session's start): every {@code checkpointEvery} steps, or by the clock when that is 0; always at
     * the end.
     */
    public boolean checkpointDue(long step, long totalSteps, double secondsSinceLast) {
        if (step >= totalSteps) {
            return true;
        }
        return checkpointEvery > 0 ? step % checkpointEvery == 0 : secondsSinceLast >= CHECKPOINT_MINUTES * 60.0;
    }
}
