package dev.diagonal.train;

import dev.diagonal.DiagonalException;

/**
 * Every setting of a fine-tuning run: its key in {@code run.json} (snake_case) and the name a person
 * reads. Validation errors ({@link InvalidSettingException}) carry the setting, so the workbench shows
 * them in its own words and the command line can name its option for it instead.
 */
public enum Setting {
    METHOD("method", "Method"),
    SEED("seed", "Seed"),
    DEVICE("device", "Device"),
    FREEZE("freeze", "What to freeze"),
    LR("lr", "Learning rate"),
    LR_AUTO("lr_auto", "Automatic learning rate"),
    WEIGHT_DECAY("weight_decay", "Weight decay"),
    BETA1("beta1", "AdamW beta1"),
    BETA2("beta2", "AdamW beta2"),
    EPS("eps", "AdamW epsilon"),
    CLIP_NORM("clip_norm", "Gradient clipping norm"),
    EPOCHS("epochs", "Epochs"),
    MAX_STEPS("max_steps", "Maximum steps"),
    WARMUP_STEPS("warmup_steps", "Warmup steps"),
    WARMUP_FRACTION("warmup_fraction", "Warmup fraction"),
    ACCUMULATION("accumulation", "Gradient accumulation"),
    BATCH_SIZE("batch_size", "Batch size"),
    BATCHES("batches", "Batches of labelled data"),
    VAL_FRACTION("val_fraction", "Validation fraction"),
    SHOTS("shots", "Images per class"),
    AUGMENT("augment", "Augmentations"),
    CAPTION_TEMPLATES("caption_templates", "Caption templates"),
    CACHE_LIMIT_MB("cache_limit_mb", "Image cache limit (MB)"),
    EVAL_EVERY("eval_every", "Evaluation interval"),
    CHECKPOINT_EVERY("checkpoint_every", "Checkpoint interval"),
    KEEP_CHECKPOINTS("keep_checkpoints", "Checkpoints kept"),
    PROBE_SIZE("probe_size", "Probe size"),
    LORA_RANK("lora_rank", "LoRA rank"),
    LORA_ALPHA("lora_alpha", "LoRA alpha"),
    LORA_DROPOUT("lora_dropout", "LoRA dropout"),
    LORA_TARGETS("lora_targets", "LoRA target layers");

    private final String key;
    private final String label;

    Setting(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The key in {@code run.json}, e.g. {@code batch_size}. */
    public String key() {
        return key;
    }

    /** The name a person reads, e.g. {@code Batch size}. */
    public String label() {
        return label;
    }

    /**
     * Throws an {@link InvalidSettingException} for this setting when {@code ok} is false.
     *
     * @param problem what is wrong, worded to follow the setting's name, e.g. {@code must be positive, not -1.0}
     */
    public void require(boolean ok, String problem) {
        if (!ok) {
            throw new InvalidSettingException(this, problem);
        }
    }

    /** Runs {@code parse}; a {@link DiagonalException} it throws becomes this setting's error, with its message. */
    public <T> T parse(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidSettingException e) {
            throw e;
        } catch (DiagonalException e) {
            throw new InvalidSettingException(this, e.getMessage());
        }
    }
}
