package dev.diagonal.train;

import ai.djl.nn.Parameter;
import dev.diagonal.clip.ClipModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to freeze while fine-tuning, from a {@code --freeze} value: a comma-separated combination of
 * <ul>
 * <li>{@code none} (alone): train everything;</li>
 * <li>{@code image} / {@code text}: the whole tower, its projection included;</li>
 * <li>{@code image:last=N} / {@code text:last=N}: the tower except its last N transformer blocks,
 *     its final norm and its projection;</li>
 * <li>{@code all-but-projections}: everything but the two projections and the logit scale.</li>
 * </ul>
 * A parameter is frozen when any part freezes it. Frozen parameters get no gradient and no update.
 */
public final class Freeze {

    private static final Pattern LAST = Pattern.compile("(image|text):last=(\\d{1,4})");

    private final String spec;
    private final List<Rule> rules;

    /** One part of a spec: a tower (or all) and how many of its last blocks stay trainable (-1: none). */
    private record Rule(String tower, int lastTrainable) {}

    private Freeze(String spec, List<Rule> rules) {
        this.spec = spec;
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses a freeze spec (as {@code --freeze} takes it); {@link #toString()} gives its canonical form back.
     *
     * @throws InvalidSettingException naming the part that is not understood
     */
    public static Freeze parse(String spec) {
        String text = spec == null ? "none" : spec.strip().toLowerCase(Locale.ROOT);
        List<Rule> rules = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (String raw : parts) {
            String part = raw.strip();
            Matcher last = LAST.matcher(part);
            if (part.equals("none")) {
                if (parts.length > 1) {
                    throw new InvalidSettingException(Setting.FREEZE, "cannot combine none with other parts: \"" + spec + "\"");
                }
            } else if (part.equals("image") || part.equals("text")) {
                rules.add(new Rule(part, -1));
            } else if (last.matches()) {
                rules.add(new Rule(last.group(1), Integer.parseInt(last.group(2))));
            } else if (part.equals("all-but-projections")) {
                rules.add(new Rule("all", -1));
            } else {
                throw new InvalidSettingException(Setting.FREEZE, "has an unknown part \"" + part + "\" (use none, image, "
                        + "text, image:last=N, text:last=N or all-but-projections, comma-separated)");
            }
        }
        return new Freeze(String.join(",", Arrays.stream(parts).map(String::strip).toList()), rules);
    }

    /** The spec in canonical form: lower case, parts comma-separated without spaces. */
    public String spec() {
        return spec;
    }

    /**
     * Freezes or unfreezes every parameter of {@code model} and returns the trainable ones by HF name,
     * in state-dict order.
     *
     * @throws InvalidSettingException when N in {@code :last=N} exceeds the tower's blocks, or nothing is left to train
     */
    public Map<String, Parameter> apply(ClipModel model) {
        for (Rule rule : rules) {
            int layers = rule.tower.equals("image") ? model.visionModel().encoder().layerCount()
                    : model.textModel().encoder().layerCount();
            if (rule.lastTrainable > layers && !rule.tower.equals("all")) {
                throw new InvalidSettingException(Setting.FREEZE, rule.tower + ":last=" + rule.lastTrainable + " asks for "
                        + "more blocks than the " + rule.tower + " tower's " + layers + " (it has only " + layers + " blocks)");
            }
        }
        Map<String, Parameter> trainable = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : model.stateDict().entrySet()) {
            boolean frozen = isFrozen(entry.getKey(), model);
            entry.getValue().freeze(frozen);
            if (!frozen) {
                trainable.put(entry.getKey(), entry.getValue());
            }
        }
        if (trainable.isEmpty()) {
            throw new InvalidSettingException(Setting.FREEZE, spec + " leaves nothing to train");
        }
        return trainable;
    }

    /** Whether the parameter of HF name {@code name} is frozen by this spec. */
    public boolean isFrozen(String name, ClipModel model) {
        for (Rule rule : rules) {
            if (freezes(rule, name, model)) {
                return true;
            }
        }
        return false;
    }

    private static boolean freezes(Rule rule, String name, ClipModel model) {
        if (rule.tower.equals("all")) {
            return !(name.startsWith("visual_projection.") || name.startsWith("text_projection.") || name.equals("logit_scale"));
        }
        boolean image = rule.tower.equals("image");
        String towerPrefix = image ? "vision_model." : "text_model.";
        String projectionPrefix = image ? "visual_projection." : "text_projection.";
        if (rule.lastTrainable < 0) {
            return name.startsWith(towerPrefix) || name.startsWith(projectionPrefix);
        }
        if (!name.startsWith(towerPrefix)) {
            return false;
        }
        String finalNorm = towerPrefix + (image ? "post_layernorm." : "final_layer_norm.");
        if (name.startsWith(finalNorm)) {
            return false;
        }
        int layers = image ? model.visionModel().encoder().layerCount() : model.textModel().encoder().layerCount();
        int layer = layerIndex(name, towerPrefix + "encoder.layers.");
        return layer < 0 || layer < layers - rule.lastTrainable;
    }

    /** The block number in {@code prefix + "N." + …}, or -1 when the name is not inside a block. */
    private static int layerIndex(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return -1;
        }
        int end = name.indexOf('.', prefix.length());
        return Integer.parseInt(name.substring(prefix.length(), end));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Freeze that && spec.equals(that.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    /** The canonical spec, as {@link #parse} reads it back. */
    @Override
    public String toString() {
        return spec;
    }
}
