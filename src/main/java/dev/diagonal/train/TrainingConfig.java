package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.data.CaptionTemplates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every hyperparameter of a fine-tuning run. Defaults suit contrastive fine-tuning of a pretrained
 * CLIP (FLYP-style): small learning rate, AdamW with β = 0.9/0.98 and eps 1e-6, weight decay 0.1,
 * 10 % linear warmup then cosine decay, global-norm clipping at 1.0.
 *
 * @param method {@code contrastive} (the trainer's method) or {@code linear-probe}
 * @param epochs passes over the training set
 * @param batchSize images per micro-batch
 * @param lr peak learning rate
 * @param weightDecay decoupled weight decay of the decay group (weights of linear and conv layers)
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param eps AdamW ε (added after the square root)
 * @param warmupSteps linear warmup steps; negative means {@code warmupFraction} of all steps
 * @param warmupFraction share of all steps used for warmup when {@code warmupSteps} is negative
 * @param accumulation micro-batches whose gradients add up to one optimizer step
 * @param clipNorm maximum global gradient L2 norm; 0 turns clipping off
 * @param evalEvery evaluate every this many steps (and at the end); 0 means about 10 times per run
 * @param checkpointEvery write a checkpoint every this many steps (and at the end); 0 means as often as evaluating
 * @param seed the one seed for data order, splits, few-shot picks and captions
 * @param probeSize images (with their captions) in the probe batch whose similarity matrix is saved
 * @param freeze what to freeze, see {@link Freeze#parse}
 * @param valFraction share of the training data split off for validation when no validation set is given
 * @param shots images per class to train on (0: all), few-shot style
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param cacheLimitMb keep preprocessed images in memory when they take less than this (float32)
 * @param keepCheckpoints how many recent checkpoints to keep
 * @param maxSteps stop after this many optimizer steps (0: no limit); the schedule spans the shorter run
 * @param augment training-image augmentations, see {@link dev.diagonal.image.Augmentation#parse}: {@code none},
 *     or a comma list of {@code crop}, {@code affine}, {@code background}
 * @param captionTemplates templates (each with {@code {}}) one of which wraps each training caption at each
 *     step, picked at random; empty: captions as given
 */
public record TrainingConfig(String method, int epochs, int batchSize, double lr, double weightDecay, double beta1,
        double beta2, double eps, int warmupSteps, double warmupFraction, int accumulation, double clipNorm,
        int evalEvery, int checkpointEvery, long seed, int probeSize, String freeze, double valFraction, int shots,
        String device, int cacheLimitMb, int keepCheckpoints, long maxSteps, String augment,
        List<String> captionTemplates) {

    /** The contrastive method's name. */
    public static final String CONTRASTIVE = "contrastive";
    /** The linear-probe method's name. */
    public static final String LINEAR_PROBE = "linear-probe";

    /** Checks every value; a bad one throws naming its command-line option. */
    public TrainingConfig {
        require(CONTRASTIVE.equals(method) || LINEAR_PROBE.equals(method), "--method must be contrastive or linear-probe, not " + method);
        require(epochs >= 1, "--epochs must be at least 1, not " + epochs);
        require(batchSize >= 2, "--batch-size must be at least 2 for contrastive training, not " + batchSize);
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, not " + lr);
        require(weightDecay >= 0, "--weight-decay must not be negative, not " + weightDecay);
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "AdamW betas must be in [0, 1)");
        require(eps > 0, "AdamW eps must be positive, not " + eps);
        require(warmupFraction >= 0 && warmupFraction < 1, "--warmup fraction must be in [0, 1), not " + warmupFraction);
        require(accumulation >= 1, "--accumulation must be at least 1, not " + accumulation);
        require(clipNorm >= 0, "--clip-norm must not be negative, not " + clipNorm);
        require(evalEvery >= 0 && checkpointEvery >= 0, "--eval-every and --checkpoint-every must not be negative");
        require(probeSize >= 2, "probe size must be at least 2, not " + probeSize);
        require(valFraction >= 0 && valFraction < 1, "--val-fraction must be in [0, 1), not " + valFraction);
        require(shots >= 0, "--shots must not be negative, not " + shots);
        require(cacheLimitMb >= 0 && keepCheckpoints >= 1 && maxSteps >= 0, "cache limit, kept checkpoints and max steps must be sensible");
        freeze = freeze == null || freeze.isBlank() ? "none" : freeze.strip();
        device = device == null ? "auto" : device;
        Freeze.parse(freeze);
        augment = augment == null || augment.isBlank() ? "none" : augment.strip();
        dev.diagonal.image.Augmentation.parse(augment);
        captionTemplates = captionTemplates == null ? List.of() : List.copyOf(captionTemplates);
        if (!captionTemplates.isEmpty()) {
            CaptionTemplates.of(captionTemplates);
        }
    }

    /** The defaults: contrastive, 5 epochs, batch 32, lr 1e-5, wd 0.1, 10 % warmup, clip 1.0, seed 0. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(CONTRASTIVE, 5, 32, 1e-5, 0.1, 0.9, 0.98, 1e-6, -1, 0.1, 1, 1.0, 0, 0, 0L, 12,
                "none", 0.1, 0, "auto", 512, 2, 0L, "none", List.of());
    }

    /** Warmup steps for a run of {@code totalSteps}. */
    public long warmupFor(long totalSteps) {
        return warmupSteps >= 0 ? Math.min(warmupSteps, totalSteps) : (long) Math.floor(totalSteps * warmupFraction);
    }

    /** Evaluation interval for a run of {@code totalSteps}. */
    public long evalIntervalFor(long totalSteps) {
        return evalEvery > 0 ? evalEvery : Math.max(1, totalSteps / 10);
    }

    /** Checkpoint interval for a run of {@code totalSteps}. */
    public long checkpointIntervalFor(long totalSteps) {
        return checkpointEvery > 0 ? checkpointEvery : evalIntervalFor(totalSteps);
    }

    /** The hyperparameters as stored in {@code run.json} and {@code state.json}, in a stable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", method);
        map.put("epochs", epochs);
        map.put("batch_size", batchSize);
        map.put("lr", lr);
        map.put("weight_decay", weightDecay);
        map.put("beta1", beta1);
        map.put("beta2", beta2);
        map.put("eps", eps);
        map.put("warmup_steps", warmupSteps);
        map.put("warmup_fraction", warmupFraction);
        map.put("accumulation", accumulation);
        map.put("clip_norm", clipNorm);
        map.put("eval_every", evalEvery);
        map.put("checkpoint_every", checkpointEvery);
        map.put("seed", seed);
        map.put("probe_size", probeSize);
        map.put("freeze", freeze);
        map.put("val_fraction", valFraction);
        map.put("shots", shots);
        map.put("device", device);
        map.put("cache_limit_mb", cacheLimitMb);
        map.put("keep_checkpoints", keepCheckpoints);
        map.put("max_steps", maxSteps);
        map.put("augment", augment);
        map.put("caption_templates", captionTemplates);
        return map;
    }

    /** Reads {@link #toMap()}'s form back; missing keys take the defaults, {@code source} names the file in errors. */
    public static TrainingConfig fromMap(Map<String, ?> map, String source) {
        TrainingConfig d = defaults();
        Values v = new Values(map, source);
        return new TrainingConfig(v.text("method", d.method), (int) v.integer("epochs", d.epochs),
                (int) v.integer("batch_size", d.batchSize), v.number("lr", d.lr), v.number("weight_decay", d.weightDecay),
                v.number("beta1", d.beta1), v.number("beta2", d.beta2), v.number("eps", d.eps),
                (int) v.integer("warmup_steps", d.warmupSteps), v.number("warmup_fraction", d.warmupFraction),
                (int) v.integer("accumulation", d.accumulation), v.number("clip_norm", d.clipNorm),
                (int) v.integer("eval_every", d.evalEvery), (int) v.integer("checkpoint_every", d.checkpointEvery),
                (long) v.integer("seed", d.seed), (int) v.integer("probe_size", d.probeSize), v.text("freeze", d.freeze),
                v.number("val_fraction", d.valFraction), (int) v.integer("shots", d.shots), v.text("device", d.device),
                (int) v.integer("cache_limit_mb", d.cacheLimitMb), (int) v.integer("keep_checkpoints", d.keepCheckpoints),
                (long) v.integer("max_steps", d.maxSteps), v.text("augment", d.augment),
                v.texts("caption_templates", d.captionTemplates));
    }

    /** A copy with other values for the keys in {@code changes} (keys as in {@link #toMap()}). */
    public TrainingConfig with(Map<String, ?> changes) {
        Map<String, Object> map = toMap();
        map.putAll(changes);
        return fromMap(map, "settings");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new DiagonalException(message);
        }
    }

    /** Typed reads from a JSON-like map. */
    private record Values(Map<String, ?> map, String source) {
        double number(String key, double fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Number number)) {
                throw new DiagonalException(source + ": hyperparameter " + key + " is not a number: " + value);
            }
            return number.doubleValue();
        }

        long integer(String key, long fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
                throw new DiagonalException(source + ": hyperparameter " + key + " is not a whole number: " + value);
            }
            return number.longValue();
        }

        List<String> texts(String key, List<String> fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof List<?> list)) {
                throw new DiagonalException(source + ": hyperparameter " + key + " is not a list of strings: " + value);
            }
            return list.stream().map(String::valueOf).toList();
        }

        String text(String key, String fallback) {
            Object value = map.get(key);
            return value == null ? fallback : value.toString();
        }
    }
}
