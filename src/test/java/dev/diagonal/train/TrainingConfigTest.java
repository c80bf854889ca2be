package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.Fixtures;
import dev.diagonal.image.Augmentation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    /** The settings of the committed run.json of the format before the configuration was typed. */
    static TrainingConfig fixtureConfig() {
        return TrainingConfig.builder().epochs(4).batchSize(8).lr(1e-3).device("cpu").valFraction(0.25).evalEvery(3)
                .checkpointEvery(2).accumulation(2).freeze("text:last=1").augment("crop,affine")
                .captionTemplates(List.of("a photo of {}.", "{}")).batches(Batches.ONE_PER_CLASS).build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture(String file, String field) throws IOException {
        Map<String, Object> json = new ObjectMapper().readValue(Fixtures.path("run-format-v1/" + file).toFile(), Map.class);
        return (Map<String, Object>) json.get(field);
    }

    @Test
    void roundTripsThroughItsJson() {
        TrainingConfig config = TrainingConfig.builder().epochs(7).lr(3e-4).freeze("Image:last=2, text").seed(1234567890123L)
                .warmupSteps(5).augment("background,crop").captionTemplates(List.of("a {}")).build();
        assertThat(config.freeze().toString()).isEqualTo("image:last=2,text");
        assertThat(config.data().augment()).isEqualTo(Augmentation.parse("crop,background"));
        assertThat(config.toJson()).containsEntry("freeze", "image:last=2,text").containsEntry("augment", "crop,background")
                .containsEntry("seed", 1234567890123L).containsEntry("caption_templates", List.of("a {}"));
        assertThat(TrainingConfig.fromJson(config.toJson(), "test")).isEqualTo(config);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.schedule().warmupFor(100)).isEqualTo(5);
        assertThat(TrainingConfig.defaults().schedule().warmupFor(100)).isEqualTo(10);
        assertThat(TrainingConfig.defaults().evaluation().evalIntervalFor(95)).isEqualTo(9);
        EvaluationSettings everyThird = TrainingConfig.builder().checkpointEvery(3).build().evaluation();
        assertThat(everyThird.checkpointDue(6, 95, 0)).isTrue();
        assertThat(everyThird.checkpointDue(7, 95, 1e6)).isFalse();
        assertThat(everyThird.checkpointDue(95, 95, 0)).as("at the end").isTrue();
        EvaluationSettings byClock = TrainingConfig.defaults().evaluation();
        assertThat(byClock.checkpointDue(9, 95, 599)).isFalse();
        assertThat(byClock.checkpointDue(9, 95, 600)).isTrue();
        assertThat(byClock.checkpointDue(95, 95, 0)).as("at the end").isTrue();
    }

    @Test
    void readsTheRunJsonAndStateJsonOfEarlierVersions() throws IOException {
        Map<String, Object> hyperparameters = fixture("run.json", "hyperparameters");
        TrainingConfig config = TrainingConfig.fromJson(hyperparameters, "run.json");
        assertThat(config).isEqualTo(fixtureConfig());
        assertThat(TrainingConfig.fromJson(fixture("state.json", "config"), "state.json")).isEqualTo(fixtureConfig());
        Map<String, Object> settings = new LinkedHashMap<>(hyperparameters);
        settings.keySet().removeAll(List.of("model", "train", "val"));
        List<String> added = List.of("lr_auto", "batches", "lora_rank", "lora_alpha", "lora_dropout", "lora_targets"); // settings that are newer than the fixture
        assertThat(config.toJson()).as("new runs keep the layout").containsKeys(settings.keySet().toArray(String[]::new))
                .hasSize(settings.size() + added.size()).containsKeys(added.toArray(String[]::new));
        settings.forEach((key, value) -> assertThat(String.valueOf(config.toJson().get(key))).as(key)
                .isEqualTo(String.valueOf(value)));
    }

    @Test
    void missingKeysTakeTheDefaults() {
        assertThat(TrainingConfig.fromJson(Map.of("lr", 3e-4, "model", "/somewhere"), "run.json"))
                .isEqualTo(TrainingConfig.builder().lr(3e-4).batches(Batches.ONE_PER_CLASS).build());
        // a run.json without "batches" was written before fill batches existed, one without "lr_auto" before auto
        assertThat(TrainingConfig.fromJson(Map.of(), "run.json"))
                .isEqualTo(TrainingConfig.defaults().toBuilder().batches(Batches.ONE_PER_CLASS).lrAuto(false).build());
    }

    @Test
    void aBadValueNamesItsSetting() {
        assertInvalid(() -> TrainingConfig.builder().lr(-1).build(), Setting.LR, "Learning rate must be a positive number, not -1.0");
        assertInvalid(() -> TrainingConfig.builder().batchSize(1).build(), Setting.BATCH_SIZE, "Batch size must be at least 2");
        assertInvalid(() -> TrainingConfig.builder().freeze("vision"), Setting.FREEZE, "What to freeze has an unknown part \"vision\"");
        assertInvalid(() -> TrainingConfig.builder().augment("crop,colour"), Setting.AUGMENT,
                "Augmentations has an unknown augmentation \"colour\"");
        assertInvalid(() -> TrainingConfig.builder().method("dora").build(), Setting.METHOD,
                "Method must be one of contrastive, linear-probe, lora, tip-adapter, tip-adapter-f, not dora");
        assertInvalid(() -> TrainingConfig.builder().loraRank(0).build(), Setting.LORA_RANK, "LoRA rank must be at least 1, not 0");
        assertInvalid(() -> TrainingConfig.builder().loraDropout(1).build(), Setting.LORA_DROPOUT, "LoRA dropout must be");
        assertInvalid(() -> TrainingConfig.builder().loraTargets("q_proj,fc1").build(), Setting.LORA_TARGETS,
                "LoRA target layers must be a comma-separated list of q_proj, k_proj, v_proj, out_proj, not \"q_proj,fc1\"");
        assertInvalid(() -> TrainingConfig.builder().captionTemplates(List.of("a photo")).build(), Setting.CAPTION_TEMPLATES,
                "Caption templates must each hold {}");
        assertInvalid(() -> TrainingConfig.builder().device("tpu").build(), Setting.DEVICE, "Device must be cpu, gpu or auto");
        assertInvalid(() -> TrainingConfig.fromJson(Map.of("warmup_fraction", 1.5), "run.json"), Setting.WARMUP_FRACTION,
                "Warmup fraction must be in [0, 1), not 1.5");
        assertInvalid(() -> TrainingConfig.fromJson(Map.of("freeze", "vision"), "run.json"), Setting.FREEZE, "What to freeze has an unknown part \"vision\"");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> TrainingConfig.fromJson(Map.of("epochs", "five"), "run.json"))
                .isInstanceOf(DiagonalException.class).hasMessageStartingWith("run.json: setting epochs ");
        assertThatThrownBy(() -> TrainingConfig.fromJson(Map.of("batch_size", 2.5), "state.json"))
                .isInstanceOf(DiagonalException.class).hasMessageStartingWith("state.json: setting batch_size ");
    }

    private static void assertInvalid(ThrowingCallable call, Setting setting, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(setting)).hasMessageStartingWith(message);
    }
}
