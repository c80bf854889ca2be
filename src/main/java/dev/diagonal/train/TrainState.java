package dev.diagonal.train;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.diagonal.project.BestMetric;
import java.util.Map;

/**
 * The content of a checkpoint's {@code state.json}: where training stands, so that a resumed run
 * continues exactly where the checkpoint was taken. Weights and optimizer moments sit beside it as
 * safetensors. The run has no other random state: the data order of every epoch is derived from
 * the seed and the epoch number (the current epoch's order is also stored here, verbatim).
 *
 * @param format version of this layout
 * @param step optimizer steps done
 * @param microBatch micro-batches consumed ({@code step × accumulation})
 * @param epoch the epoch the next micro-batch belongs to (0-based)
 * @param positionInEpoch index of the next micro-batch within its epoch
 * @param seed the run's seed
 * @param batchSize the batch size in use (after capping)
 * @param epochOrder the batches of {@code epoch}, sample indices
 * @param best the best validation metric so far, or null
 * @param chanceWarned whether the chance-level warning was given
 * @param trainSeconds time spent in training steps so far
 * @param rng how the random streams are derived, for the record
 * @param config the hyperparameters ({@link TrainingConfig#toJson()})
 */
@JsonPropertyOrder({"format", "step", "microBatch", "epoch", "positionInEpoch", "seed", "batchSize", "best",
        "chanceWarned", "trainSeconds", "rng", "config", "epochOrder"})
record TrainState(int format, long step, long microBatch, int epoch, int positionInEpoch, long seed, int batchSize,
        int[][] epochOrder, BestMetric best, boolean chanceWarned, double trainSeconds, Map<String, Object> rng,
        Map<String, Object> config) {

    /** The current layout version. */
    static final int FORMAT = 1;
}
