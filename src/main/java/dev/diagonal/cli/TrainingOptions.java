package dev.diagonal.cli;

import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The data and training options {@code finetune} and {@code handoff} share, and the configuration they start. */
final class TrainingOptions {

    @Option(names = "--model", required = true, description = "HF model folder")
    Path model;

    @Option(names = "--train", required = true, description = "training data: ImageFolder or CSV/TSV/JSONL manifest")
    Path train;

    @Option(names = "--val", description = "validation data (default: split off --val-fraction of --train)")
    Path val;

    @Option(names = "--epochs", defaultValue = "auto", description = "passes over the training data, or auto: enough "
            + "for 200 optimizer steps and at least 5 (default: ${DEFAULT-VALUE})")
    String epochs;

    @Option(names = "--lr", defaultValue = "auto", description = "peak learning rate, or auto: an LR range test "
            + "(as fastai's lr_find) on the training data picks it (lora: 10x the full fine-tuning pick; tip-adapter-f: "
            + "the reference's 1e-3 and 1e-2, the better kept) (default: ${DEFAULT-VALUE})")
    String lr;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--warmup-steps", defaultValue = "-1", description = "linear warmup steps (default: 10%% of all steps)")
    int warmupSteps;

    @Option(names = "--accumulation", defaultValue = "1", description = "micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    int accumulation;

    @Option(names = "--clip-norm", defaultValue = "1.0", description = "gradient clipping norm, 0 for none (default: ${DEFAULT-VALUE})")
    double clipNorm;

    @Option(names = "--shots", defaultValue = "0", description = "images per class to use, 0 for all (default: ${DEFAULT-VALUE})")
    int shots;

    @Option(names = "--freeze", defaultValue = "none", description = "none, image, text, image:last=N, text:last=N, all-but-projections; comma-separated (default: ${DEFAULT-VALUE})")
    String freeze;

    @Option(names = "--seed", defaultValue = "0", description = "the one seed for data order, splits and sampling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "share split off for validation without --val (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--eval-every", defaultValue = "0", description = "evaluate every N steps, 0 for about 10 times (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--max-steps", defaultValue = "0", description = "stop after N steps, 0 for no limit (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--augment", defaultValue = "none", description = "training-image augmentations: none, or a comma "
            + "list of crop, affine, background (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--caption-templates", paramLabel = "FILE", description = "templates with {}, one per line; "
            + "each training caption is wrapped in one picked at random at every step")
    Path captionTemplates;

    @Option(names = "--batches", defaultValue = "classes", description = "labelled data: classes (label-only data: "
            + "each image against a prompt of every class, cross-entropy as CLIP-LoRA; data with captions train as fill), "
            + "fill (batches of --batch-size from any classes; same-class pairs are positives) or one-per-class (no class "
            + "twice in a batch; the batch is capped at the number of classes) (default: ${DEFAULT-VALUE})")
    String batches;

    /** A builder holding these options and {@code batchSize}; the caller adds its own settings and builds. */
    TrainingConfig.Builder config(int batchSize) {
        return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).lr(lr).weightDecay(weightDecay)
                .warmupSteps(warmupSteps).accumulation(accumulation).clipNorm(clipNorm).shots(shots).freeze(freeze)
                .seed(seed).valFraction(valFraction).evalEvery(evalEvery).maxSteps(maxSteps).augment(augment)
                .batches(batches)
                .captionTemplates(captionTemplates == null ? List.of() : CaptionTemplates.load(captionTemplates).templates());
    }
}
