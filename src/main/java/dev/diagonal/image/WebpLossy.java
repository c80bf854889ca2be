package dev.diagonal.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Lossy WebP (a VP8 key frame) to RGB as libwebp renders it for Pillow: {@link Vp8Decoder} gives the
 * exact Y'CbCr planes, then libwebp's "fancy" chroma upsampling (a 9-3-3-1 filter over pairs of rows)
 * and its 14-bit fixed-point YUV-to-RGB conversion ({@code dsp/upsampling.c}, {@code dsp/yuv.h}).
 * (TwelveMonkeys' own VP8 decoder is not used: it loop-filters before predicting neighbours and
 * upsamples chroma by replication, which puts it tens of levels off libwebp on photos.) The alpha
 * chunk of an extended file is not decoded: alpha is dropped anyway.
 */
final class WebpLossy {

    private WebpLossy() {}

    /** Offset and length of the top-level "VP8 " chunk, or null (lossless or animated WebP). */
    static int[] findVp8Chunk(byte[] file) {
        int i = 12;
        while (i + 8 <= file.length) {
            String type = new String(file, i, 4, StandardCharsets.ISO_8859_1);
            long length = (file[i + 4] & 0xFFL) | (file[i + 5] & 0xFFL) << 8 | (file[i + 6] & 0xFFL) << 16
                    | (file[i + 7] & 0xFFL) << 24;
            if (type.equals("VP8 ")) {
                return new int[] {i + 8, (int) Math.min(length, file.length - i - 8)};
            }
            i += 8 + (int) Math.min(length + (length & 1), file.length);
        }
        return null;
    }

    static RgbImage decode(byte[] file, int[] chunk) throws IOException {
        return upsample(Vp8Decoder.decode(file, chunk[0], chunk[1]));
    }

    /**
     * libwebp's fancy upsampler: output row 0 and (for even heights) the last row use one chroma row
     * twice; row 2k-1 weighs chroma row k-1 as "near" and k as "far", row 2k the reverse.
     */
    static RgbImage upsample(Vp8Decoder.Planes planes) {
        int width = planes.width();
        int height = planes.height();
        byte[] luma = planes.y();
        int chromaStride = planes.uvStride();
        int chromaHeight = (height + 1) / 2;
        byte[] out = new byte[width * height * 3];
        int[] rowU = new int[width];
        int[] rowV = new int[width];
        for (int y = 0; y < height; y++) {
            int near;
            int far;
            if (y == 0) {
                near = far = 0;
            } else {
                int k = (y + 1) / 2;
                int top = k - 1;
                int bottom = Math.min(k, chromaHeight - 1);
                near = (y & 1) == 1 ? top : bottom;
                far = (y & 1) == 1 ? bottom : top;
            }
            upsampleLine(planes.u(), near * chromaStride, far * chromaStride, width, rowU);
            upsampleLine(planes.v(), near * chromaStride, far * chromaStride, width, rowV);
            for (int x = 0; x < width; x++) {
                int luminance = luma[y * planes.yStride() + x] & 0xFF;
                int o = (y * width + x) * 3;
                out[o] = (byte) clip8(multHi(luminance, 19077) + multHi(rowV[x], 26149) - 14234);
                out[o + 1] = (byte) clip8(multHi(luminance, 19077) - multHi(rowU[x], 6419)
                        - multHi(rowV[x], 13320) + 8708);
                out[o + 2] = (byte) clip8(multHi(luminance, 19077) + multHi(rowU[x], 33050) - 17685);
            }
        }
        return new RgbImage(width, height, out);
    }

    /** One chroma channel for one output row from its nearer and farther chroma rows. */
    private static void upsampleLine(byte[] plane, int nearRow, int farRow, int width, int[] out) {
        int nearLeft = plane[nearRow] & 0xFF;
        int farLeft = plane[farRow] & 0xFF;
        out[0] = (3 * nearLeft + farLeft + 2) >> 2;
        int lastPair = (width - 1) >> 1;
        for (int x = 1; x <= lastPair; x++) {
            int nearHere = plane[nearRow + x] & 0xFF;
            int farHere = plane[farRow + x] & 0xFF;
            int average = nearLeft + nearHere + farLeft + farHere + 8;
            int diagonalA = (average + 2 * (nearHere + farLeft)) >> 3;
            int diagonalB = (average + 2 * (nearLeft + farHere)) >> 3;
            out[2 * x - 1] = (diagonalA + nearLeft) >> 1;
            out[2 * x] = (diagonalB + nearHere) >> 1;
            nearLeft = nearHere;
            farLeft = farHere;
        }
        if ((width & 1) == 0) {
            out[width - 1] = (3 * nearLeft + farLeft + 2) >> 2;
        }
    }

    private static int multHi(int value, int coefficient) {
        return (value * coefficient) >> 8;
    }

    private static int clip8(int v) {
        return (v & ~((256 << 6) - 1)) == 0 ? v >> 6 : v < 0 ? 0 : 255;
    }
}
