package dev.diagonal.train;

/**
 * LoRA (CLIP-LoRA, peft-compatible): the contrastive method's loss, schedule, checkpoints and resume,
 * with every base weight frozen and only the adapters ({@link dev.diagonal.clip.Lora}) trained.
 * Checkpoints hold the adapters and their AdamW moments only; {@code best/} holds the merged model.
 */
final class LoraMethod extends ContrastiveMethod {

    /** The adapters' checkpoint file, named as peft names its weights. */
    static final String ADAPTER_FILE = "adapter_model.safetensors";

    /**
     * LoRA's learning rate over full fine-tuning's: LoRA's best rate is about ten times full fine-tuning's
     * (Schulman et al., "LoRA Without Regret", 2025; measured here in docs/lora.md).
     */
    static final double LR_FACTOR = 10;

    @Override
    public String name() {
        return Methods.LORA;
    }

    /**
     * The range test sweeps full fine-tuning of the same model and data: adapters that start at zero barely move
     * the loss within the test's steps, so a sweep of the adapters finds no descent (docs/lora.md).
     */
    @Override
    TrainingConfig rangeTestConfig(TrainingConfig config) {
        return config.toBuilder().method(Methods.CONTRASTIVE).freeze("none").build();
    }

    @Override
    double rangeTestFactor() {
        return LR_FACTOR;
    }

    @Override
    String rangeTestNote(double lr) {
        return String.format(java.util.Locale.ROOT, " for full fine-tuning; LoRA trains at %.0f x that = %.3g", LR_FACTOR, lr);
    }
}
