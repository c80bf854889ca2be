package dev.diagonal.train;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The settings of the {@value Methods#LORA} method (peft's {@code LoraConfig}): adapters of rank
 * {@code loraRank} on the named linear layers of every block of both towers, scaled by alpha / rank.
 *
 * @param loraRank r, the adapters' inner width
 * @param loraAlpha alpha; the adapter's output is multiplied by alpha / r
 * @param loraDropout dropout on the adapter's input while training (0 to 1, exclusive of 1)
 * @param loraTargets comma-separated attention projections to adapt: q_proj, k_proj, v_proj, out_proj
 */
public record LoraSettings(int loraRank, double loraAlpha, double loraDropout, String loraTargets) {

    /** The layers an adapter may go on. */
    public static final Set<String> TARGETS = Set.of("q_proj", "k_proj", "v_proj", "out_proj");

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public LoraSettings {
        Setting.LORA_RANK.require(loraRank >= 1, "must be at least 1, not " + loraRank);
        Setting.LORA_ALPHA.require(loraAlpha > 0 && Double.isFinite(loraAlpha), "must be a positive number, not " + loraAlpha);
        Setting.LORA_DROPOUT.require(loraDropout >= 0 && loraDropout < 1, "must be at least 0 and below 1, not " + loraDropout);
        loraTargets = loraTargets == null ? "" : loraTargets.replace(" ", "");
        List<String> names = Arrays.asList(loraTargets.split(","));
        Setting.LORA_TARGETS.require(!loraTargets.isEmpty() && TARGETS.containsAll(names),
                "must be a comma-separated list of q_proj, k_proj, v_proj, out_proj, not \"" + loraTargets + "\"");
    }

    /** The target layer names, in the order given. */
    public List<String> targets() {
        return List.of(loraTargets.split(","));
    }

    /** alpha / r, the factor on the adapter's output. */
    public double scale() {
        return loraAlpha / loraRank;
    }
}
