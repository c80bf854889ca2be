package dev.diagonal.app.finetune;

import dev.diagonal.train.Methods;
import dev.diagonal.train.Setting;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What the fine-tune screen knows about each method: the settings it reads (the form shows those and
 * hides the rest), whether its runs write probe similarity snapshots (the heatmap), and a line on what it
 * does. The lists follow what each method's class reads from {@code TrainingConfig}; a method not listed
 * here is offered with the contrastive method's settings.
 */
final class MethodTraits {

    /** Read by every method. */
    private static final Set<Setting> SHARED = EnumSet.of(Setting.METHOD, Setting.SEED, Setting.DEVICE);
    private static final Set<Setting> CONTRASTIVE = EnumSet.of(Setting.EPOCHS, Setting.BATCH_SIZE, Setting.BATCHES,
            Setting.LR, Setting.SHOTS, Setting.FREEZE, Setting.AUGMENT, Setting.VAL_FRACTION, Setting.CAPTION_TEMPLATES,
            Setting.PROBE_SIZE);
    // LoRA freezes every base weight itself, so "what to freeze" does not apply
    private static final Set<Setting> LORA = EnumSet.of(Setting.EPOCHS, Setting.BATCH_SIZE, Setting.BATCHES, Setting.LR,
            Setting.SHOTS, Setting.AUGMENT, Setting.VAL_FRACTION, Setting.CAPTION_TEMPLATES, Setting.LORA_RANK,
            Setting.LORA_ALPHA, Setting.LORA_DROPOUT, Setting.LORA_TARGETS, Setting.PROBE_SIZE);
    // the probe and the caches hold out a fixed 20 % without a validation set (LinearProbeData.VAL_FRACTION)
    private static final Set<Setting> LINEAR_PROBE = EnumSet.of(Setting.BATCH_SIZE, Setting.SHOTS, Setting.AUGMENT);
    private static final Set<Setting> TIP_ADAPTER = EnumSet.of(Setting.BATCH_SIZE, Setting.SHOTS, Setting.AUGMENT,
            Setting.CAPTION_TEMPLATES);
    private static final Set<Setting> TIP_ADAPTER_F = EnumSet.of(Setting.BATCH_SIZE, Setting.SHOTS, Setting.AUGMENT,
            Setting.CAPTION_TEMPLATES, Setting.EPOCHS, Setting.LR);

    private static final Map<String, Set<Setting>> OWN = Map.of(Methods.CONTRASTIVE, CONTRASTIVE, Methods.LORA, LORA,
            Methods.LINEAR_PROBE, LINEAR_PROBE, Methods.TIP_ADAPTER, TIP_ADAPTER, Methods.TIP_ADAPTER_F, TIP_ADAPTER_F);

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            Methods.CONTRASTIVE, "Contrastive fine-tuning (FLYP) of the whole model, or of what is not frozen; "
                    + "resumable. Augment: random crops, small affine changes, solid backgrounds behind transparent "
                    + "pixels (never colour). Learning rate auto: an LR range test on the training batches picks it. "
                    + "Labelled batches: classes (label-only data: each image against a prompt of every class), fill "
                    + "(any classes, same-class pairs are positives) or one-per-class (capped at the number of classes).",
            Methods.LORA, "LoRA: adapters of the given rank on the target layers of every block of both towers, "
                    + "trained with the contrastive method's loss; the model's own weights stay frozen. Learning rate auto: ten "
                    + "times the LR range test's pick for full fine-tuning. Resumable; exports "
                    + "as a merged model or a peft adapter folder.",
            Methods.LINEAR_PROBE, "Logistic regression on frozen image features, each training image also in 10 "
                    + "augmented views (Augment; random crops when none); C swept on the validation set (20 % of the "
                    + "training data when none is chosen, then refitted on all of it).",
            Methods.TIP_ADAPTER, "Tip-Adapter: a training-free cache of the training images' features beside the "
                    + "zero-shot head; α and β searched on the validation set (20 % of the training data when none "
                    + "is chosen). Augment sets the cache's augmentation (crop when none).",
            Methods.TIP_ADAPTER_F, "Tip-Adapter-F: Tip-Adapter whose cache keys are trained, keeping the epoch of "
                    + "best validation top-1. Epochs 0 (auto, the default) and learning rate auto mean the "
                    + "reference's: 20 epochs at lr 1e-3 and at 1e-2, the better kept.");

    private MethodTraits() {}

    /** The settings {@code method} reads, the shared ones (method, seed, device) included. */
    static Set<Setting> settings(String method) {
        Set<Setting> own = EnumSet.copyOf(SHARED);
        own.addAll(OWN.getOrDefault(method, CONTRASTIVE));
        return own;
    }

    /** Whether runs of {@code method} write the probe batch's similarity snapshots (those that train the model). */
    static boolean hasSimilarities(String method) {
        return !Methods.LINEAR_PROBE.equals(method) && !Methods.TIP_ADAPTER.equals(method)
                && !Methods.TIP_ADAPTER_F.equals(method);
    }

    /** What the heatmap says while it has no snapshot to show, for a run of {@code method} (null: not known yet). */
    static String emptyHeatmap(String method) {
        if (method == null || hasSimilarities(method)) {
            return "The probe batch's image-caption similarities appear here at the first evaluation; "
                    + "the diagonal (each image with its own caption) should light up as training goes on.";
        }
        return "A " + method + " run has no similarity heatmap: it leaves the model unchanged and fits a classifier "
                + "on its frozen image features. Its validation scores are on the Evaluation tab.";
    }

    /** One paragraph on what {@code method} does and how its settings are read. */
    static String describe(String method) {
        return DESCRIPTIONS.getOrDefault(method, "The " + method + " method.");
    }
}
