package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Float16Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0, 3c00", "-2.0, c000", "0.0, 0000", "-0.0, 8000",
        "0.1, 2e66", "0.33333334, 3555", "-0.1, ae66",
        "65504.0, 7bff", "65519.996, 7bff", "65520.0, 7c00", "-65520.0, fc00", "1.0E9, 7c00",
        "Infinity, 7c00", "-Infinity, fc00", "NaN, 7e00",
        "6.1035156E-5, 0400",       // 2^-14, smallest normal
        "6.097555E-5, 03ff",        // largest subnormal, 1023 * 2^-24
        "5.9604645E-8, 0001",       // 2^-24, smallest subnormal
        "2.9802322E-8, 0000",       // 2^-25: a tie between 0 and 2^-24, rounds to even 0
        "2.9802326E-8, 0001",       // just above 2^-25
        "8.940697E-8, 0002",        // 1.5 * 2^-24: tie, rounds to even 2
        "1.4901161E-7, 0002",       // 2.5 * 2^-24: tie, rounds to even 2
        "1.0004883, 3c00",          // 1 + 2^-11: tie, rounds to even 1.0
        "1.0014648, 3c02",          // 1 + 3 * 2^-11: tie, rounds to even 1 + 2^-9
        "1.0004884, 3c01",          // just above the tie rounds up
        "1.0E-30, 0000", "1.17549435E-38, 0000", "-1.0E-30, 8000"
    })
    void roundsToKnownBitPatterns(float value, String hex) {
        assertThat(Float16.fromFloat(value) & 0xffff).isEqualTo(Integer.parseInt(hex, 16));
    }

    @Test
    void widensEveryHalfExactly() {
        for (int half = 0; half < 1 << 16; half++) {
            float widened = Float16.toFloat((short) half);
            int exponent = (half >>> 10) & 0x1f;
            int mantissa = half & 0x3ff;
            double sign = (half & 0x8000) != 0 ? -1 : 1;
            if (exponent == 0x1f && mantissa != 0) {
                assertThat(widened).isNaN();
                assertThat(Float.floatToRawIntBits(widened) >>> 13 & 0x3ff).as("quieted payload").isEqualTo(mantissa | 0x200);
                assertThat(Float.floatToRawIntBits(widened) < 0).as("sign").isEqualTo(half >= 0x8000);
                continue;
            }
            double expected = exponent == 0x1f ? sign * Double.POSITIVE_INFINITY
                    : exponent == 0 ? sign * Math.scalb((double) mantissa, -24)
                    : sign * Math.scalb(1024.0 + mantissa, exponent - 25);
            assertThat(Float.floatToRawIntBits(widened)).as("half %04x", half)
                    .isEqualTo(Float.floatToRawIntBits((float) expected));
        }
    }

    @Test
    void everyHalfSurvivesARoundTrip() {
        for (int half = 0; half < 1 << 16; half++) {
            if (((half >>> 10) & 0x1f) == 0x1f && (half & 0x3ff) != 0) {
                assertThat(Float16.fromFloat(Float16.toFloat((short) half)) & 0x7e00).isEqualTo(0x7e00);
                continue;
            }
            assertThat(Float16.fromFloat(Float16.toFloat((short) half)) & 0xffff).as("half %04x", half).isEqualTo(half);
        }
    }

    @Test
    void tiesBetweenEveryPairOfNeighboursRoundToEven() {
        for (int lower = 0; lower <= 0x7bff; lower++) {
            double low = Float16.toFloat((short) lower);
            double high = lower == 0x7bff ? 65536.0 : Float16.toFloat((short) (lower + 1));
            float middle = (float) ((low + high) / 2); // exact: float32 has 13 more significand bits
            int even = (lower & 1) == 0 ? lower : lower + 1;
            for (int sign : new int[] {0, 0x8000}) {
                float s = sign == 0 ? 1f : -1f;
                assertThat(Float16.fromFloat(s * middle) & 0xffff).as("tie above %04x", lower).isEqualTo(sign | even);
                assertThat(Float16.fromFloat(s * Math.nextDown(middle)) & 0xffff).isEqualTo(sign | lower);
                assertThat(Float16.fromFloat(s * Math.nextUp(middle)) & 0xffff).isEqualTo(sign | (lower + 1));
            }
        }
    }

    @Test
    void matchesTorchOnRandomAndEdgeInputs() {
        JsonNode cases = IoFixtures.expected().get("f16_rounding");
        JsonNode inputs = cases.get("f32_bits");
        JsonNode outputs = cases.get("f16_bits");
        assertThat(inputs.size()).isGreaterThan(5000).isEqualTo(outputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            float input = Float.intBitsToFloat(inputs.get(i).asInt());
            assertThat(Float16.fromFloat(input) & 0xffff).as("torch case %d: %s", i, input)
                    .isEqualTo(outputs.get(i).asInt());
        }
    }

    @Test
    void widensBfloat16ByShifting() {
        assertThat(Float16.bfloat16ToFloat((short) 0x3f80)).isEqualTo(1.0f);
        assertThat(Float16.bfloat16ToFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(Float16.bfloat16ToFloat((short) 0x7f80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(Float16.bfloat16ToFloat((short) 0x0001))).isEqualTo(0x10000);
        assertThat(Float16.bfloat16ToFloat((short) 0x7fc0)).isNaN();
    }
}
