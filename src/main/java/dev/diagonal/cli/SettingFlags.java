package dev.diagonal.cli;

import dev.diagonal.train.InvalidSettingException;
import dev.diagonal.train.Setting;
import java.util.EnumSet;
import java.util.Set;

/** The command-line option of each training {@link Setting}, so a bad setting is reported as its option. */
final class SettingFlags {

    /** The settings {@code finetune} (and, for some, {@code demo}) takes as an option named after the key. */
    private static final Set<Setting> FLAGGED = EnumSet.of(Setting.METHOD, Setting.SEED, Setting.DEVICE, Setting.FREEZE,
            Setting.LR, Setting.WEIGHT_DECAY, Setting.CLIP_NORM, Setting.EPOCHS, Setting.MAX_STEPS, Setting.WARMUP_STEPS,
            Setting.ACCUMULATION, Setting.BATCH_SIZE, Setting.BATCHES, Setting.VAL_FRACTION, Setting.SHOTS, Setting.AUGMENT,
            Setting.CAPTION_TEMPLATES, Setting.EVAL_EVERY, Setting.CHECKPOINT_EVERY, Setting.PROBE_SIZE,
            Setting.LORA_RANK, Setting.LORA_ALPHA, Setting.LORA_DROPOUT, Setting.LORA_TARGETS);

    private SettingFlags() {}

    /** The option, e.g. {@code --batch-size}; the setting's label for one that has no option. */
    static String flag(Setting setting) {
        return FLAGGED.contains(setting) ? "--" + setting.key().replace('_', '-') : setting.label();
    }

    /** The error in the command line's words, e.g. {@code --lr must be a positive number, not -1.0}. */
    static String message(InvalidSettingException e) {
        return flag(e.setting()) + " " + e.problem();
    }
}
