package dev.diagonal.io;

/**
 * Conversions between float32 and the two 16-bit float formats of checkpoints: IEEE binary16 ("half",
 * F16) and bfloat16 (BF16). Java 17 has no {@code Float.floatToFloat16}, so this implements it.
 */
public final class Float16 {

    /** The largest finite half, 65504. */
    public static final float MAX_VALUE = 65504f;

    /** A float32 at or above this magnitude rounds to infinity: 65504 plus half an ulp (a tie to even). */
    private static final float OVERFLOW_THRESHOLD = 65520f;

    private static final float[] HALF_TO_FLOAT = buildTable();

    private Float16() {}

    /**
     * Widens a half to float32. Exact for every value; a NaN becomes a quiet NaN keeping its sign and payload
     * (as F16C hardware and Java 20+'s {@code Float.float16ToFloat} do).
     *
     * @param half the 16 bits of an IEEE binary16 value
     */
    public static float toFloat(short half) {
        return HALF_TO_FLOAT[half & 0xffff];
    }

    /**
     * Rounds a float32 to the nearest half, ties to even (IEEE 754 default rounding, as torch and
     * numpy do). Magnitudes from 65520 up become infinity; values below the normal range become
     * subnormals or signed zero; a NaN stays a quiet NaN with its sign and top payload bits.
     *
     * @return the 16 bits of the binary16 result
     */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;
        if (exponent == 0xff) {
            return (short) (mantissa == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13));
        }
        if (Math.abs(value) >= OVERFLOW_THRESHOLD) {
            return (short) (sign | 0x7c00);
        }
        if (exponent >= 113) { // normal half: unbiased exponent >= -14
            int half = ((exponent - 112) << 10) | (mantissa >>> 13);
            return (short) (sign | roundHalfEven(half, mantissa & 0x1fff, 0x1000));
        }
        if (exponent < 102) { // below 2^-25: rounds to zero
            return (short) sign;
        }
        // subnormal half: count units of 2^-24
        int significand = mantissa | 0x80_0000;
        int shift = 126 - exponent; // 14..24
        int half = significand >>> shift;
        int remainder = significand & ((1 << shift) - 1);
        return (short) (sign | roundHalfEven(half, remainder, 1 << (shift - 1)));
    }

    /** Widens a bfloat16 to float32 (exact: the bits become the high half of a float32). */
    public static float bfloat16ToFloat(short bfloat16) {
        return Float.intBitsToFloat(bfloat16 << 16);
    }

    private static int roundHalfEven(int truncated, int remainder, int halfway) {
        if (remainder > halfway || (remainder == halfway && (truncated & 1) != 0)) {
            return truncated + 1; // a carry into the exponent field is the correct next value
        }
        return truncated;
    }

    private static float[] buildTable() {
        float[] table = new float[1 << 16];
        for (int half = 0; half < table.length; half++) {
            table[half] = widen(half);
        }
        return table;
    }

    private static float widen(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            int quiet = mantissa == 0 ? 0 : 0x40_0000;
            return Float.intBitsToFloat(sign | 0x7f80_0000 | quiet | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // exact: at most 10 significant bits
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
