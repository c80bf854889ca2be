package dev.diagonal.train;

import java.util.List;
import java.util.Optional;

/** The registered {@link Method}s, by name: the one list the command line and the workbench offer. */
public final class Methods {

    /** Contrastive fine-tuning (FLYP-style), the default. */
    public static final String CONTRASTIVE = "contrastive";
    /** A linear probe on frozen image features. */
    public static final String LINEAR_PROBE = "linear-probe";
    /** LoRA adapters (peft-compatible) trained with the contrastive loss on a frozen model. */
    public static final String LORA = "lora";
    /** Tip-Adapter: a training-free cache of few-shot image features beside the zero-shot head. */
    public static final String TIP_ADAPTER = "tip-adapter";
    /** Tip-Adapter-F: Tip-Adapter with trained cache keys. */
    public static final String TIP_ADAPTER_F = "tip-adapter-f";

    private static final List<Method> ALL = List.of(new ContrastiveMethod(), new LinearProbeMethod(), new LoraMethod(),
            new TipAdapterMethod(false), new TipAdapterMethod(true));

    private Methods() {}

    /** Every method's name, the default first. */
    public static List<String> names() {
        return ALL.stream().map(Method::name).toList();
    }

    /** The method called {@code name}, if there is one. */
    public static Optional<Method> find(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The method called {@code name}.
     *
     * @throws InvalidSettingException for {@link Setting#METHOD} when there is none
     */
    public static Method named(String name) {
        return find(name).orElseThrow(() -> new InvalidSettingException(Setting.METHOD,
                "must be one of " + String.join(", ", names()) + ", not " + name));
    }
}
