package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiseFtTest {

    private static Map<String, HostTensor> map(HostTensor... tensors) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        for (HostTensor t : tensors) {
            m.put(t.name(), t);
        }
        return m;
    }

    private final Map<String, HostTensor> base = map(
            HostTensor.of("w", new float[] {1f, -2f, 0.3f, 7f}, 2, 2),
            new HostTensor("position_ids", TensorDType.I64, new long[] {2}, new float[] {0f, 1f}));
    private final Map<String, HostTensor> run = map(
            HostTensor.of("w", new float[] {3f, 5f, -0.1f, 7.25f}, 2, 2),
            new HostTensor("position_ids", TensorDType.I64, new long[] {2}, new float[] {0f, 1f}));

    @Test
    void endpointsGiveTheTwoModels() {
        assertThat(WiseFt.interpolate(base, run, 0).get("w").data()).containsExactly(base.get("w").data());
        assertThat(WiseFt.interpolate(base, run, 1).get("w").data()).containsExactly(run.get("w").data());
    }

    @Test
    void halfIsTheMeanInF32() {
        float[] mid = WiseFt.interpolate(base, run, 0.5).get("w").data();
        float[] x = base.get("w").data();
        float[] y = run.get("w").data();
        for (int i = 0; i < mid.length; i++) {
            assertThat(mid[i]).isEqualTo((x[i] + y[i]) / 2f);
        }
        float[] q = WiseFt.interpolate(base, run, 0.25).get("w").data();
        assertThat(q[1]).isEqualTo(0.75f * -2f + 0.25f * 5f);
    }

    @Test
    void nonFloatTensorsComeFromTheRun() {
        HostTensor ids = WiseFt.interpolate(base, run, 0.5).get("position_ids");
        assertThat(ids).isSameAs(run.get("position_ids"));
        assertThat(ids.sourceType()).isEqualTo(TensorDType.I64);
    }

    @Test
    void mismatchNamesTheTensor() {
        Map<String, HostTensor> other = map(HostTensor.of("w", new float[] {1f, 2f}, 2), run.get("position_ids"));
        assertThatThrownBy(() -> WiseFt.interpolate(base, other, 0.5))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("tensor w");
        Map<String, HostTensor> missing = map(run.get("w"));
        assertThatThrownBy(() -> WiseFt.interpolate(base, missing, 0.5))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("position_ids");
    }

    @Test
    void alphaOutsideTheUnitIntervalIsRejected() {
        assertThatThrownBy(() -> WiseFt.interpolate(base, run, 1.5))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> WiseFt.validateAlpha(Double.NaN, "--wise-ft"))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--wise-ft");
    }
}
