package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void roundTripsThroughItsMap() {
        TrainingConfig config = TrainingConfig.defaults().with(Map.of("epochs", 7, "lr", 3e-4, "freeze", "image:last=2",
                "seed", 1234567890123L, "warmup_steps", 5));
        assertThat(TrainingConfig.fromMap(config.toMap(), "test")).isEqualTo(config);
        assertThat(config.warmupFor(100)).isEqualTo(5);
        assertThat(TrainingConfig.defaults().warmupFor(100)).isEqualTo(10);
        assertThat(TrainingConfig.defaults().evalIntervalFor(95)).isEqualTo(9);
        assertThat(TrainingConfig.defaults().with(Map.of("checkpoint_every", 3)).checkpointIntervalFor(95)).isEqualTo(3);
    }

    @Test
    void namesTheBadOption() {
        assertThatThrownBy(() -> TrainingConfig.defaults().with(Map.of("lr", -1.0)))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--lr");
        assertThatThrownBy(() -> TrainingConfig.defaults().with(Map.of("batch_size", 1)))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--batch-size");
        assertThatThrownBy(() -> TrainingConfig.defaults().with(Map.of("freeze", "vision")))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("vision");
        assertThatThrownBy(() -> TrainingConfig.fromMap(Map.of("epochs", "five"), "run.json"))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("run.json").hasMessageContaining("epochs");
    }
}
