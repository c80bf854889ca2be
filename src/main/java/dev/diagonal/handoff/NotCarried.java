package dev.diagonal.handoff;

import dev.diagonal.train.Batches;
import dev.diagonal.train.DataSetup;
import dev.diagonal.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a run's Diagonal settings a hand-off job cannot reproduce with {@code transformers.Trainer}, in
 * words for the console and the job's README. Some always differ (data order, the best-weights metric);
 * others only when the run uses them.
 */
public final class NotCarried {

    private NotCarried() {}

    /** The differences for {@code config} on the prepared data, one sentence each. */
    public static List<String> of(TrainingConfig config, DataSetup.Prepared data) {
        List<String> notes = new ArrayList<>();
        if (!config.data().augment().isNone()) {
            notes.add("augmentations (" + config.data().augment() + ") are not applied: the job trains on the plain images");
        }
        if (!config.data().captionTemplates().isEmpty()) {
            notes.add("caption templates (" + config.data().captionTemplates().size()
                    + ") are not applied: each caption is used as written in train.csv");
        }
        if (config.optimizer().lrAuto()) {
            notes.add("the LR range test (--lr auto) runs only in Diagonal: the job uses FLYP's lr "
                    + HandoffJob.FLYP_LR + "; give --lr to choose");
        }
        if (!data.classes().isEmpty() && config.data().batches() == Batches.CLASSES && data.labelsOnly()) {
            notes.add("the class-prompt loss (--batches classes: each image against one prompt per class) is not "
                    + "reproduced: the job trains on image/prompt pairs with CLIPModel's loss");
        } else if (!data.classes().isEmpty()) {
            notes.add(config.data().batches() == Batches.ONE_PER_CLASS
                    ? "class-balanced batches (--batches one-per-class) are not reproduced: batches are drawn at random, "
                            + "so two images of a class can share a batch and count as negatives"
                    : "same-class pairs in a batch are not treated as positives (--batches fill's multi-positive loss): "
                            + "CLIPModel's loss counts only each image's own caption as its positive");
        }
        notes.add("with several processes each computes the contrastive loss over its own batch-size / NPROC pairs "
                + "(features are not gathered across processes), so a step sees fewer negatives than Diagonal's "
                + "batch of " + config.data().batchSize() + "; with NPROC=1 the batch is the same");
        notes.add("data order differs: the Trainer's sampler shuffles with torch's generator (seed " + config.seed()
                + "), not Diagonal's");
        notes.add("best/ holds the weights of the lowest validation loss, not Diagonal's validation metric; no probe "
                + "similarity snapshots, checkpoint cadence (--checkpoint-every, --keep-checkpoints) or resume");
        notes.add("a step whose gradient norm is not finite is skipped by Diagonal; the Trainer takes it");
        return notes;
    }
}
