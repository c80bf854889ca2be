package dev.diagonal.train;

/**
 * When a run evaluates and checkpoints, and what it keeps.
 *
 * @param evalEvery evaluate every this many steps (and at the end); 0 means about 10 times per run
 * @param checkpointEvery write a checkpoint every this many steps (and at the end); 0 means as often as evaluating
 * @param keepCheckpoints how many recent checkpoints to keep
 * @param probeSize images (with their captions) in the probe batch whose similarity matrix is saved
 */
public record EvaluationSettings(int evalEvery, int checkpointEvery, int keepCheckpoints, int probeSize) {

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public EvaluationSettings {
        Setting.EVAL_EVERY.require(evalEvery >= 0, "must not be negative (0: about 10 times per run), not " + evalEvery);
        Setting.CHECKPOINT_EVERY.require(checkpointEvery >= 0, "must not be negative (0: at each evaluation), not "
                + checkpointEvery);
        Setting.KEEP_CHECKPOINTS.require(keepCheckpoints >= 1, "must be at least 1, not " + keepCheckpoints);
        Setting.PROBE_SIZE.require(probeSize >= 2, "must be at least 2, not " + probeSize);
    }

    /** Evaluation interval for a run of {@code totalSteps}. */
    public long evalIntervalFor(long totalSteps) {
        return evalEvery > 0 ? evalEvery : Math.max(1, totalSteps / 10);
    }

    /** Checkpoint interval for a run of {@code totalSteps}. */
    public long checkpointIntervalFor(long totalSteps) {
        return checkpointEvery > 0 ? checkpointEvery : evalIntervalFor(totalSteps);
    }
}
