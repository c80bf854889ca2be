package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.train.InvalidSettingException;
import dev.diagonal.train.Methods;
import dev.diagonal.train.Setting;
import dev.diagonal.train.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fine-tune form's settings per method, and how their values reach the typed configuration. */
class TrainingFormTest {

    @Test
    void eachMethodShowsItsOwnSettings() {
        TrainingForm form = new TrainingForm();
        assertThat(form.applies(Setting.FREEZE).get()).isTrue();
        assertThat(form.applies(Setting.LORA_RANK).get()).isFalse();

        form.methodProperty().set(Methods.LORA);
        assertThat(form.applies(Setting.LORA_RANK).get()).isTrue();
        assertThat(form.applies(Setting.LORA_TARGETS).get()).isTrue();
        assertThat(form.applies(Setting.FREEZE).get()).as("LoRA freezes the base weights itself").isFalse();
        assertThat(form.descriptionProperty().get()).startsWith("LoRA: ");

        form.methodProperty().set(Methods.TIP_ADAPTER);
        assertThat(List.of(Setting.EPOCHS, Setting.LR, Setting.FREEZE, Setting.VAL_FRACTION, Setting.LORA_RANK))
                .allSatisfy(s -> assertThat(form.applies(s).get()).as(s.name()).isFalse());
        assertThat(List.of(Setting.SHOTS, Setting.AUGMENT, Setting.BATCH_SIZE, Setting.SEED, Setting.CAPTION_TEMPLATES))
                .allSatisfy(s -> assertThat(form.applies(s).get()).as(s.name()).isTrue());

        form.methodProperty().set(Methods.TIP_ADAPTER_F);
        assertThat(form.applies(Setting.EPOCHS).get()).isTrue();
        assertThat(form.applies(Setting.LR).get()).isTrue();
        assertThat(form.descriptionProperty().get()).contains("20 epochs at lr 1e-3 and at 1e-2");

        form.methodProperty().set(Methods.LINEAR_PROBE);
        assertThat(form.applies(Setting.AUGMENT).get()).as("the probe's augmented views").isTrue();
        assertThat(form.applies(Setting.SHOTS).get()).isTrue();
        assertThat(form.applies(Setting.PROBE_SIZE).get()).isFalse();
    }

    @Test
    void theProbeSizeReachesTheConfigurationOfMethodsWithAHeatmap() {
        TrainingForm form = new TrainingForm();
        assertThat(form.applies(Setting.PROBE_SIZE).get()).isTrue();
        form.probeSizeProperty().set(64);
        assertThat(form.toConfig(List.of()).evaluation().probeSize()).isEqualTo(64);
        form.methodProperty().set(Methods.LORA);
        assertThat(form.toConfig(List.of()).evaluation().probeSize()).isEqualTo(64);
    }

    @Test
    void loraSettingsReachTheConfiguration() {
        TrainingForm form = new TrainingForm();
        form.methodProperty().set(Methods.LORA);
        form.loraRankProperty().set(4);
        form.loraAlphaProperty().set("8");
        form.loraDropoutProperty().set(" 0.1 ");
        form.loraTargetsProperty().set("q_proj, v_proj");

        TrainingConfig config = form.toConfig(List.of());

        assertThat(config.method()).isEqualTo(Methods.LORA);
        assertThat(config.lora().loraRank()).isEqualTo(4);
        assertThat(config.lora().loraAlpha()).isEqualTo(8.0);
        assertThat(config.lora().loraDropout()).isEqualTo(0.1);
        assertThat(config.lora().targets()).containsExactly("q_proj", "v_proj");
        assertThat(form.faultProperty().get()).isNull();
    }

    @Test
    void aBadValueIsNamedInTheWorkbenchsWordsAndMarked() {
        TrainingForm form = new TrainingForm();
        form.methodProperty().set(Methods.LORA);
        form.loraAlphaProperty().set("big");
        assertThatThrownBy(() -> form.toConfig(List.of())).isInstanceOf(InvalidSettingException.class)
                .hasMessage("LoRA alpha must be a number, not \"big\"");
        assertThat(form.faultProperty().get()).isEqualTo(Setting.LORA_ALPHA);

        form.loraAlphaProperty().set("1");
        form.loraDropoutProperty().set("1.5");
        assertThatThrownBy(() -> form.toConfig(List.of())).hasMessage("LoRA dropout must be at least 0 and below 1, not 1.5");
        assertThat(form.faultProperty().get()).isEqualTo(Setting.LORA_DROPOUT);

        form.loraDropoutProperty().set("0");
        form.loraTargetsProperty().set("fc1");
        assertThatThrownBy(() -> form.toConfig(List.of())).hasMessageStartingWith("LoRA target layers must be a comma-separated list");

        form.loraTargetsProperty().set("q_proj");
        form.toConfig(List.of());
        assertThat(form.faultProperty().get()).isNull();
    }

    @Test
    void hiddenSettingsKeepTheDefaultsWhateverTheirFieldsHold() {
        TrainingForm form = new TrainingForm();
        form.lrProperty().set("fast");
        form.freezeProperty().set("everything");
        form.loraAlphaProperty().set("big");
        form.shotsProperty().set(3);
        form.methodProperty().set(Methods.TIP_ADAPTER);

        TrainingConfig config = form.toConfig(List.of("a photo of {}."));

        TrainingConfig defaults = TrainingConfig.defaults();
        assertThat(config.optimizer().lr()).isEqualTo(defaults.optimizer().lr());
        assertThat(config.freeze()).isEqualTo(defaults.freeze());
        assertThat(config.lora()).isEqualTo(defaults.lora());
        assertThat(config.data().shots()).isEqualTo(3);
        assertThat(config.data().captionTemplates()).as("the box is not ticked").isEmpty();

        form.methodProperty().set(Methods.CONTRASTIVE);
        assertThatThrownBy(() -> form.toConfig(List.of())).hasMessageContaining("Learning rate must be a number");
    }
}
