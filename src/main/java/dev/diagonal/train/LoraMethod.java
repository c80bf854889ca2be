package dev.diagonal.train;

/**
 * LoRA (CLIP-LoRA, peft-compatible): the contrastive method's loss, schedule, checkpoints and resume,
 * with every base weight frozen and only the adapters ({@link dev.diagonal.clip.Lora}) trained.
 * Checkpoints hold the adapters and their AdamW moments only; {@code best/} holds the merged model.
 */
final class LoraMethod extends ContrastiveMethod {

    /** The adapters' checkpoint file, named as peft names its weights. */
    static final String ADAPTER_FILE = "adapter_model.safetensors";

    @Override
    public String name() {
        return Methods.LORA;
    }
}
