package dev.diagonal.image;

/**
 * VP8 intra prediction and inverse transforms, writing the reconstructed (not yet loop-filtered)
 * frame. Each macroblock is predicted in a small work area holding its row above (with the
 * top-left and four top-right pixels) and its column to the left; outside the frame the row above
 * reads 127 and the column to the left 129, as in libwebp. Predictors follow RFC 6386 section 12.
 */
final class Vp8Reconstruction {

    /** 16x16 luma and chroma modes. */
    static final int DC = 0;
    static final int TM = 1;
    static final int V = 2;
    static final int H = 3;

    private static final int LUMA_STRIDE = 21;   // left column, 16 pixels, 4 top-right pixels
    private static final int CHROMA_STRIDE = 9;

    private final int mbWidth;
    private final int yStride;
    private final int uvStride;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;
    private final int[] luma = new int[17 * LUMA_STRIDE];
    private final int[] chroma = new int[9 * CHROMA_STRIDE];
    private final int[] transformScratch = new int[16];

    Vp8Reconstruction(int mbWidth, int mbHeight) {
        this.mbWidth = mbWidth;
        this.yStride = mbWidth * 16;
        this.uvStride = mbWidth * 8;
        this.y = new byte[yStride * mbHeight * 16];
        this.u = new byte[uvStride * mbHeight * 8];
        this.v = new byte[uvStride * mbHeight * 8];
    }

    byte[] y() {
        return y;
    }

    byte[] u() {
        return u;
    }

    byte[] v() {
        return v;
    }

    int yStride() {
        return yStride;
    }

    int uvStride() {
        return uvStride;
    }

    /** Predicts and reconstructs one macroblock; {@code lumaMode} -1 means per-subblock modes. */
    void reconstruct(int mbX, int mbY, int lumaMode, int[] subblockModes, int chromaMode, int[] coefficients) {
        loadNeighbours(luma, LUMA_STRIDE, 16, y, yStride, mbX, mbY, lumaMode < 0);
        if (lumaMode < 0) {
            for (int n = 0; n < 16; n++) {
                int origin = (1 + 4 * (n >> 2)) * LUMA_STRIDE + 1 + 4 * (n & 3);
                Vp8Predictors.subblock(subblockModes[n], luma, origin, LUMA_STRIDE);
                inverseDct(coefficients, n * 16, luma, origin, LUMA_STRIDE);
            }
        } else {
            predictSquare(luma, LUMA_STRIDE, 16, lumaMode, mbX, mbY);
            for (int n = 0; n < 16; n++) {
                inverseDct(coefficients, n * 16, luma, (1 + 4 * (n >> 2)) * LUMA_STRIDE + 1 + 4 * (n & 3), LUMA_STRIDE);
            }
        }
        store(luma, LUMA_STRIDE, 16, y, yStride, mbX, mbY);
        reconstructChroma(u, 16, chromaMode, mbX, mbY, coefficients);
        reconstructChroma(v, 20, chromaMode, mbX, mbY, coefficients);
    }

    private void reconstructChroma(byte[] plane, int firstBlock, int mode, int mbX, int mbY, int[] coefficients) {
        loadNeighbours(chroma, CHROMA_STRIDE, 8, plane, uvStride, mbX, mbY, false);
        predictSquare(chroma, CHROMA_STRIDE, 8, mode, mbX, mbY);
        for (int n = 0; n < 4; n++) {
            int origin = (1 + 4 * (n >> 1)) * CHROMA_STRIDE + 1 + 4 * (n & 1);
            inverseDct(coefficients, (firstBlock + n) * 16, chroma, origin, CHROMA_STRIDE);
        }
        store(chroma, CHROMA_STRIDE, 8, plane, uvStride, mbX, mbY);
    }

    /** Fills the work area's row 0 and column 0 (and top-right pixels for 4x4 prediction). */
    private void loadNeighbours(int[] work, int stride, int size, byte[] plane, int planeStride, int mbX, int mbY,
            boolean topRight) {
        int x0 = mbX * size;
        int y0 = mbY * size;
        int width = stride - 1;
        if (mbY == 0) {
            java.util.Arrays.fill(work, 0, stride, 127);
        } else {
            int above = (y0 - 1) * planeStride + x0;
            work[0] = mbX == 0 ? 129 : plane[above - 1] & 0xFF;
            for (int i = 0; i < size; i++) {
                work[1 + i] = plane[above + i] & 0xFF;
            }
            for (int i = size; i < width; i++) {
                work[1 + i] = mbX == mbWidth - 1 ? plane[above + size - 1] & 0xFF : plane[above + i] & 0xFF;
            }
        }
        for (int j = 0; j < size; j++) {
            work[(1 + j) * stride] = mbX == 0 ? 129 : plane[(y0 + j) * planeStride + x0 - 1] & 0xFF;
        }
        if (topRight) {
            for (int row = 4; row < 16; row += 4) {
                System.arraycopy(work, 17, work, row * stride + 17, 4);
            }
        }
    }

    private static void store(int[] work, int stride, int size, byte[] plane, int planeStride, int mbX, int mbY) {
        for (int j = 0; j < size; j++) {
            int out = (mbY * size + j) * planeStride + mbX * size;
            int in = (1 + j) * stride + 1;
            for (int i = 0; i < size; i++) {
                plane[out + i] = (byte) work[in + i];
            }
        }
    }

    private static void predictSquare(int[] work, int stride, int size, int mode, int mbX, int mbY) {
        int origin = stride + 1;
        int value;
        switch (mode) {
            case V -> {
                for (int j = 0; j < size; j++) {
                    System.arraycopy(work, 1, work, origin + j * stride, size);
                }
                return;
            }
            case H -> {
                for (int j = 0; j < size; j++) {
                    java.util.Arrays.fill(work, origin + j * stride, origin + j * stride + size, work[origin + j * stride - 1]);
                }
                return;
            }
            case TM -> {
                Vp8Predictors.trueMotion(work, origin, stride, size);
                return;
            }
            default -> {
                int shift = size == 16 ? 4 : 3;
                int sum = 0;
                for (int i = 0; i < size; i++) {
                    sum += (mbY > 0 ? work[1 + i] : 0) + (mbX > 0 ? work[origin + i * stride - 1] : 0);
                }
                if (mbX > 0 && mbY > 0) {
                    value = (sum + size) >> (shift + 1);
                } else if (mbX > 0 || mbY > 0) {
                    value = (sum + (size >> 1)) >> shift;
                } else {
                    value = 128;
                }
            }
        }
        for (int j = 0; j < size; j++) {
            java.util.Arrays.fill(work, origin + j * stride, origin + j * stride + size, value);
        }
    }

    /** Adds the inverse DCT of a dequantised 4x4 block (raster order) to the prediction, clamping. */
    private void inverseDct(int[] in, int offset, int[] work, int origin, int stride) {
        boolean any = false;
        for (int i = 0; i < 16 && !any; i++) {
            any = in[offset + i] != 0;
        }
        if (!any) {
            return;
        }
        int[] tmp = transformScratch;
        for (int i = 0; i < 4; i++) {
            int a = in[offset + i] + in[offset + 8 + i];
            int b = in[offset + i] - in[offset + 8 + i];
            int c = mul2(in[offset + 4 + i]) - mul1(in[offset + 12 + i]);
            int d = mul1(in[offset + 4 + i]) + mul2(in[offset + 12 + i]);
            tmp[4 * i] = a + d;
            tmp[4 * i + 1] = b + c;
            tmp[4 * i + 2] = b - c;
            tmp[4 * i + 3] = a - d;
        }
        for (int i = 0; i < 4; i++) {
            int dc = tmp[i] + 4;
            int a = dc + tmp[8 + i];
            int b = dc - tmp[8 + i];
            int c = mul2(tmp[4 + i]) - mul1(tmp[12 + i]);
            int d = mul1(tmp[4 + i]) + mul2(tmp[12 + i]);
            int row = origin + i * stride;
            work[row] = clip255(work[row] + ((a + d) >> 3));
            work[row + 1] = clip255(work[row + 1] + ((b + c) >> 3));
            work[row + 2] = clip255(work[row + 2] + ((b - c) >> 3));
            work[row + 3] = clip255(work[row + 3] + ((a - d) >> 3));
        }
    }

    private static int mul1(int a) {
        return ((a * 20091) >> 16) + a;
    }

    private static int mul2(int a) {
        return (a * 35468) >> 16;
    }

    static int clip255(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** Inverse Walsh-Hadamard transform of the Y2 block into the DC of the 16 luma blocks. */
    static void inverseWalshHadamard(int[] in, int[] coefficients) {
        int[] tmp = new int[16];
        for (int i = 0; i < 4; i++) {
            int a0 = in[i] + in[12 + i];
            int a1 = in[4 + i] + in[8 + i];
            int a2 = in[4 + i] - in[8 + i];
            int a3 = in[i] - in[12 + i];
            tmp[i] = a0 + a1;
            tmp[8 + i] = a0 - a1;
            tmp[4 + i] = a3 + a2;
            tmp[12 + i] = a3 - a2;
        }
        for (int i = 0; i < 4; i++) {
            int dc = tmp[4 * i] + 3;
            int a0 = dc + tmp[4 * i + 3];
            int a1 = tmp[4 * i + 1] + tmp[4 * i + 2];
            int a2 = tmp[4 * i + 1] - tmp[4 * i + 2];
            int a3 = dc - tmp[4 * i + 3];
            coefficients[(4 * i) * 16] = (a0 + a1) >> 3;
            coefficients[(4 * i + 1) * 16] = (a3 + a2) >> 3;
            coefficients[(4 * i + 2) * 16] = (a0 - a1) >> 3;
            coefficients[(4 * i + 3) * 16] = (a3 - a2) >> 3;
        }
    }
}
