package dev.diagonal.train;

import dev.diagonal.image.Augmentation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of a fine-tuning run, typed and grouped by concern. Build one with {@link #builder()}
 * (the defaults live there, in one place) or {@link #toBuilder()}; every value is checked when it is
 * built, and a bad one throws an {@link InvalidSettingException} that names the {@link Setting}.
 * {@code run.json} holds it as a flat snake_case map ({@link #toJson()}, read back by {@link #fromJson},
 * which also reads the runs of earlier versions).
 *
 * @param method the method's name, one of {@link Methods#names()} (e.g. {@value Methods#CONTRASTIVE})
 * @param seed the one seed for data order, splits, few-shot picks, captions and augmentations
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param freeze what to leave unchanged (parsed once; {@code toString()} is its spec)
 * @param optimizer AdamW and clipping
 * @param schedule epochs, steps, warmup, accumulation
 * @param data batching, validation split, shots, augmentations, caption templates
 * @param evaluation evaluation and checkpoint intervals, the probe batch
 * @param lora the adapters of the {@value Methods#LORA} method (ignored by the others)
 */
public record TrainingConfig(String method, long seed, String device, Freeze freeze, OptimizerSettings optimizer,
        ScheduleSettings schedule, DataSettings data, EvaluationSettings evaluation, LoraSettings lora) {

    private static final Set<String> DEVICES = Set.of("cpu", "gpu", "cuda", "auto");

    /** Checks the values of its own; the groups check theirs when they are made. */
    public TrainingConfig {
        Setting.METHOD.require(method != null && Methods.names().contains(method),
                "must be one of " + String.join(", ", Methods.names()) + ", not " + method);
        device = device == null || device.isBlank() ? "auto" : device.strip().toLowerCase(Locale.ROOT);
        Setting.DEVICE.require(DEVICES.contains(device), "must be cpu, gpu or auto, not \"" + device + "\"");
        freeze = Objects.requireNonNullElseGet(freeze, () -> Freeze.parse("none"));
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(lora, "lora");
    }

    /**
     * The defaults: contrastive, epochs auto (at least 200 steps), batch 32, lr auto (an LR range test), class-prompt
     * batches, wd 0.1, 10 % warmup, clip 1.0, seed 0.
     */
    public static TrainingConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The settings as {@code run.json} and {@code state.json} hold them: a flat map with snake_case keys. */
    public Map<String, Object> toJson() {
        return ConfigJson.write(this);
    }

    /**
     * Reads {@link #toJson()}'s form (that of every earlier version too); missing keys take the defaults,
     * other keys are ignored.
     *
     * @param source names the file in errors
     * @throws InvalidSettingException for a value out of range
     * @throws dev.diagonal.DiagonalException naming {@code source} and the key for a value of the wrong type
     */
    public static TrainingConfig fromJson(Map<String, ?> json, String source) {
        return ConfigJson.read(json, source);
    }

    /** Builds a {@link TrainingConfig}, starting from the defaults; {@link #build()} checks every value. */
    public static final class Builder {
        private String method = Methods.CONTRASTIVE;
        private long seed;
        private String device = "auto";
        private Freeze freeze = Freeze.parse("none");
        private double lr = 1e-5;
        private boolean lrAuto = true;
        private double weightDecay = 0.1;
        private double beta1 = 0.9;
        private double beta2 = 0.98;
        private double eps = 1e-6;
        private double clipNorm = 1.0;
        private int epochs = ScheduleSettings.AUTO;
        private long maxSteps;
        private int warmupSteps = -1;
        private double warmupFraction = 0.1;
        private int accumulation = 1;
        private int batchSize = 32;
        private double valFraction = 0.1;
        private int shots;
        private Augmentation augment = Augmentation.NONE;
        private List<String> captionTemplates = List.of();
        private int cacheLimitMb = 512;
        private Batches batches = Batches.CLASSES;
        private int evalEvery;
        private int checkpointEvery;
        private int keepCheckpoints = 2;
        private int probeSize = 12;
        // CLIP-LoRA's (Zanella & Ben Ayed 2024) choices: rank 2, alpha 1, dropout 0.25 on q, k, v (and out)
        private int loraRank = 2;
        private double loraAlpha = 1;
        private double loraDropout = 0.25;
        private String loraTargets = "q_proj,k_proj,v_proj,out_proj";

        private Builder() {}

        private Builder(TrainingConfig c) {
            method(c.method).seed(c.seed).device(c.device).freeze(c.freeze).optimizer(c.optimizer).schedule(c.schedule)
                    .data(c.data).evaluation(c.evaluation).lora(c.lora);
        }

        /** Checks every value and builds the configuration. */
        public TrainingConfig build() {
            return new TrainingConfig(method, seed, device, freeze,
                    new OptimizerSettings(lr, lrAuto, weightDecay, beta1, beta2, eps, clipNorm),
                    new ScheduleSettings(epochs, maxSteps, warmupSteps, warmupFraction, accumulation),
                    new DataSettings(batchSize, valFraction, shots, augment, captionTemplates, cacheLimitMb, batches),
                    new EvaluationSettings(evalEvery, checkpointEvery, keepCheckpoints, probeSize),
                    new LoraSettings(loraRank, loraAlpha, loraDropout, loraTargets));
        }

        /** Takes every value of {@code settings}. */
        public Builder optimizer(OptimizerSettings o) {
            return lr(o.lr()).lrAuto(o.lrAuto()).weightDecay(o.weightDecay()).beta1(o.beta1()).beta2(o.beta2()).eps(o.eps()).clipNorm(o.clipNorm());
        }

        /** Takes every value of {@code settings}. */
        public Builder schedule(ScheduleSettings s) {
            return epochs(s.epochs()).maxSteps(s.maxSteps()).warmupSteps(s.warmupSteps())
                    .warmupFraction(s.warmupFraction()).accumulation(s.accumulation());
        }

        /** Takes every value of {@code settings}. */
        public Builder data(DataSettings d) {
            return batchSize(d.batchSize()).valFraction(d.valFraction()).shots(d.shots()).augment(d.augment())
                    .captionTemplates(d.captionTemplates()).cacheLimitMb(d.cacheLimitMb()).batches(d.batches());
        }

        /** Takes every value of {@code settings}. */
        public Builder evaluation(EvaluationSettings e) {
            return evalEvery(e.evalEvery()).checkpointEvery(e.checkpointEvery()).keepCheckpoints(e.keepCheckpoints())
                    .probeSize(e.probeSize());
        }

        /** Takes every value of {@code settings}. */
        public Builder lora(LoraSettings l) {
            return loraRank(l.loraRank()).loraAlpha(l.loraAlpha()).loraDropout(l.loraDropout()).loraTargets(l.loraTargets());
        }

        /** @see TrainingConfig#method() */
        public Builder method(String value) { method = value; return this; }
        /** @see TrainingConfig#seed() */
        public Builder seed(long value) { seed = value; return this; }
        /** @see TrainingConfig#device() */
        public Builder device(String value) { device = value; return this; }
        /** @see TrainingConfig#freeze() */
        public Builder freeze(Freeze value) { freeze = value; return this; }
        /** Parses a freeze spec such as {@code image:last=2,text}; throws {@link InvalidSettingException}. */
        public Builder freeze(String spec) { return freeze(Freeze.parse(spec == null || spec.isBlank() ? "none" : spec)); }
        /** A learning rate given as a number (so not {@code auto}); @see OptimizerSettings#lr() */
        public Builder lr(double value) { lr = value; lrAuto = false; return this; }
        /** @see OptimizerSettings#lrAuto() */
        public Builder lrAuto(boolean value) { lrAuto = value; return this; }
        /**
         * Reads a learning rate as typed: a number, or {@code auto} for an LR range test.
         *
         * @throws InvalidSettingException for {@link Setting#LR} when it is neither
         */
        public Builder lr(String text) {
            String value = text == null ? "" : text.strip();
            if (value.equalsIgnoreCase("auto")) {
                return lrAuto(true);
            }
            try {
                return lr(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(Setting.LR, "must be a number (e.g. 1e-5) or auto, not \"" + text + "\"");
            }
        }
        /**
         * Reads epochs as typed: a whole number, or {@code auto} ({@link ScheduleSettings#AUTO}).
         *
         * @throws InvalidSettingException for {@link Setting#EPOCHS} when it is neither
         */
        public Builder epochs(String text) {
            String value = text == null ? "" : text.strip();
            if (value.equalsIgnoreCase("auto")) {
                return epochs(ScheduleSettings.AUTO);
            }
            try {
                return epochs(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(Setting.EPOCHS, "must be a whole number or auto, not \"" + text + "\"");
            }
        }
        /** @see OptimizerSettings#weightDecay() */
        public Builder weightDecay(double value) { weightDecay = value; return this; }
        /** @see OptimizerSettings#beta1() */
        public Builder beta1(double value) { beta1 = value; return this; }
        /** @see OptimizerSettings#beta2() */
        public Builder beta2(double value) { beta2 = value; return this; }
        /** @see OptimizerSettings#eps() */
        public Builder eps(double value) { eps = value; return this; }
        /** @see OptimizerSettings#clipNorm() */
        public Builder clipNorm(double value) { clipNorm = value; return this; }
        /** @see ScheduleSettings#epochs() */
        public Builder epochs(int value) { epochs = value; return this; }
        /** @see ScheduleSettings#maxSteps() */
        public Builder maxSteps(long value) { maxSteps = value; return this; }
        /** @see ScheduleSettings#warmupSteps() */
        public Builder warmupSteps(int value) { warmupSteps = value; return this; }
        /** @see ScheduleSettings#warmupFraction() */
        public Builder warmupFraction(double value) { warmupFraction = value; return this; }
        /** @see ScheduleSettings#accumulation() */
        public Builder accumulation(int value) { accumulation = value; return this; }
        /** @see DataSettings#batchSize() */
        public Builder batchSize(int value) { batchSize = value; return this; }
        /** @see DataSettings#valFraction() */
        public Builder valFraction(double value) { valFraction = value; return this; }
        /** @see DataSettings#shots() */
        public Builder shots(int value) { shots = value; return this; }
        /** @see DataSettings#augment() */
        public Builder augment(Augmentation value) { augment = value; return this; }
        /** Parses {@code none} or a comma list of crop, affine, background; throws {@link InvalidSettingException}. */
        public Builder augment(String spec) { return augment(Setting.AUGMENT.parse(() -> Augmentation.parse(spec))); }
        /** @see DataSettings#captionTemplates() */
        public Builder captionTemplates(List<String> value) { captionTemplates = value; return this; }
        /** @see DataSettings#cacheLimitMb() */
        public Builder cacheLimitMb(int value) { cacheLimitMb = value; return this; }
        /** @see DataSettings#batches() */
        public Builder batches(Batches value) { batches = value; return this; }
        /** Parses {@code fill} or {@code one-per-class}; throws {@link InvalidSettingException}. */
        public Builder batches(String key) { return batches(Batches.parse(key)); }
        /** @see EvaluationSettings#evalEvery() */
        public Builder evalEvery(int value) { evalEvery = value; return this; }
        /** @see EvaluationSettings#checkpointEvery() */
        public Builder checkpointEvery(int value) { checkpointEvery = value; return this; }
        /** @see EvaluationSettings#keepCheckpoints() */
        public Builder keepCheckpoints(int value) { keepCheckpoints = value; return this; }
        /** @see EvaluationSettings#probeSize() */
        public Builder probeSize(int value) { probeSize = value; return this; }
        /** @see LoraSettings#loraRank() */
        public Builder loraRank(int value) { loraRank = value; return this; }
        /** @see LoraSettings#loraAlpha() */
        public Builder loraAlpha(double value) { loraAlpha = value; return this; }
        /** @see LoraSettings#loraDropout() */
        public Builder loraDropout(double value) { loraDropout = value; return this; }
        /** @see LoraSettings#loraTargets() */
        public Builder loraTargets(String value) { loraTargets = value; return this; }
    }
}
