package dev.diagonal.train;

/**
 * AdamW and gradient clipping. Defaults ({@link TrainingConfig#defaults()}) suit contrastive fine-tuning of
 * a pretrained CLIP (FLYP-style): lr 1e-5, β = 0.9/0.98, ε 1e-6, weight decay 0.1, clipping at 1.0.
 *
 * @param lr peak learning rate
 * @param lrAuto whether {@code lr} is picked by an LR range test on the training data before the run starts
 *     ({@code --lr auto}); {@code run.json} then holds the picked {@code lr} and the test
 * @param weightDecay decoupled weight decay of the decay group (weights of linear and conv layers)
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param eps AdamW ε (added after the square root)
 * @param clipNorm maximum global gradient L2 norm; 0 turns clipping off
 */
public record OptimizerSettings(double lr, boolean lrAuto, double weightDecay, double beta1, double beta2, double eps, double clipNorm) {

    /** Checks every value; a bad one throws an {@link InvalidSettingException} naming it. */
    public OptimizerSettings {
        Setting.LR.require(lr > 0 && Double.isFinite(lr), "must be a positive number, not " + lr);
        Setting.WEIGHT_DECAY.require(weightDecay >= 0 && Double.isFinite(weightDecay), "must not be negative, not " + weightDecay);
        Setting.BETA1.require(beta1 >= 0 && beta1 < 1, "must be in [0, 1), not " + beta1);
        Setting.BETA2.require(beta2 >= 0 && beta2 < 1, "must be in [0, 1), not " + beta2);
        Setting.EPS.require(eps > 0 && Double.isFinite(eps), "must be positive, not " + eps);
        Setting.CLIP_NORM.require(clipNorm >= 0 && Double.isFinite(clipNorm), "must not be negative, not " + clipNorm);
    }
}
