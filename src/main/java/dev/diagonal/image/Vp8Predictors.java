package dev.diagonal.image;

/**
 * VP8's 4x4 sub-block intra predictors (RFC 6386 section 12.3) and TrueMotion. Each works in a work
 * area where the block's top-left pixel is at {@code o}; the row above is {@code o - stride} (with the
 * top-left at {@code -1} and four above-right pixels at {@code 4..7}), the column to the left at
 * {@code o - 1 + k * stride}.
 */
final class Vp8Predictors {

    private Vp8Predictors() {}

    private static int avg3(int a, int b, int c) {
        return (a + 2 * b + c + 2) >> 2;
    }

    private static int avg2(int a, int b) {
        return (a + b + 1) >> 1;
    }

    /** TrueMotion: clip(above[x] + left[y] - aboveLeft). */
    static void trueMotion(int[] w, int o, int stride, int size) {
        int corner = w[o - stride - 1];
        for (int y = 0; y < size; y++) {
            int left = w[o + y * stride - 1];
            for (int x = 0; x < size; x++) {
                w[o + y * stride + x] = Vp8Reconstruction.clip255(w[o - stride + x] + left - corner);
            }
        }
    }

    static void subblock(int mode, int[] w, int o, int s) {
        int top = o - s;
        int x = w[top - 1];                                       // above-left
        int a = w[top], b = w[top + 1], c = w[top + 2], d = w[top + 3];
        int e = w[top + 4], f = w[top + 5], g = w[top + 6], h = w[top + 7];
        int i = w[o - 1], j = w[o + s - 1], k = w[o + 2 * s - 1], l = w[o + 3 * s - 1];
        switch (mode) {
            case Vp8Tables.B_DC -> {
                int dc = (a + b + c + d + i + j + k + l + 4) >> 3;
                fill(w, o, s, new int[] {dc, dc, dc, dc, dc, dc, dc, dc, dc, dc, dc, dc, dc, dc, dc, dc});
            }
            case Vp8Tables.B_TM -> trueMotion(w, o, s, 4);
            case Vp8Tables.B_VE -> {
                int p0 = avg3(x, a, b), p1 = avg3(a, b, c), p2 = avg3(b, c, d), p3 = avg3(c, d, e);
                fill(w, o, s, new int[] {p0, p1, p2, p3, p0, p1, p2, p3, p0, p1, p2, p3, p0, p1, p2, p3});
            }
            case Vp8Tables.B_HE -> {
                int r0 = avg3(x, i, j), r1 = avg3(i, j, k), r2 = avg3(j, k, l), r3 = avg3(k, l, l);
                fill(w, o, s, new int[] {r0, r0, r0, r0, r1, r1, r1, r1, r2, r2, r2, r2, r3, r3, r3, r3});
            }
            case Vp8Tables.B_LD -> fill(w, o, s, new int[] {
                avg3(a, b, c), avg3(b, c, d), avg3(c, d, e), avg3(d, e, f),
                avg3(b, c, d), avg3(c, d, e), avg3(d, e, f), avg3(e, f, g),
                avg3(c, d, e), avg3(d, e, f), avg3(e, f, g), avg3(f, g, h),
                avg3(d, e, f), avg3(e, f, g), avg3(f, g, h), avg3(g, h, h)});
            case Vp8Tables.B_RD -> fill(w, o, s, new int[] {
                avg3(a, x, i), avg3(b, a, x), avg3(c, b, a), avg3(d, c, b),
                avg3(x, i, j), avg3(a, x, i), avg3(b, a, x), avg3(c, b, a),
                avg3(i, j, k), avg3(x, i, j), avg3(a, x, i), avg3(b, a, x),
                avg3(j, k, l), avg3(i, j, k), avg3(x, i, j), avg3(a, x, i)});
            case Vp8Tables.B_VR -> fill(w, o, s, new int[] {
                avg2(x, a), avg2(a, b), avg2(b, c), avg2(c, d),
                avg3(i, x, a), avg3(x, a, b), avg3(a, b, c), avg3(b, c, d),
                avg3(j, i, x), avg2(x, a), avg2(a, b), avg2(b, c),
                avg3(k, j, i), avg3(i, x, a), avg3(x, a, b), avg3(a, b, c)});
            case Vp8Tables.B_VL -> fill(w, o, s, new int[] {
                avg2(a, b), avg2(b, c), avg2(c, d), avg2(d, e),
                avg3(a, b, c), avg3(b, c, d), avg3(c, d, e), avg3(d, e, f),
                avg2(b, c), avg2(c, d), avg2(d, e), avg3(e, f, g),
                avg3(b, c, d), avg3(c, d, e), avg3(d, e, f), avg3(f, g, h)});
            case Vp8Tables.B_HD -> fill(w, o, s, new int[] {
                avg2(i, x), avg3(i, x, a), avg3(x, a, b), avg3(a, b, c),
                avg2(j, i), avg3(j, i, x), avg2(i, x), avg3(i, x, a),
                avg2(k, j), avg3(k, j, i), avg2(j, i), avg3(j, i, x),
                avg2(l, k), avg3(l, k, j), avg2(k, j), avg3(k, j, i)});
            default -> fill(w, o, s, new int[] {                     // B_HU
                avg2(i, j), avg3(i, j, k), avg2(j, k), avg3(j, k, l),
                avg2(j, k), avg3(j, k, l), avg2(k, l), avg3(k, l, l),
                avg2(k, l), avg3(k, l, l), l, l,
                l, l, l, l});
        }
    }

    /** Writes 16 values (row-major) into the 4x4 block. */
    private static void fill(int[] w, int o, int s, int[] values) {
        for (int row = 0; row < 4; row++) {
            System.arraycopy(values, row * 4, w, o + row * s, 4);
        }
    }
}
