package dev.diagonal.image;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes a VP8 key frame (the image data of a lossy WebP) into Y'CbCr 4:2:0 planes, following RFC
 * 6386 and libwebp's decoder, which Pillow uses: {@link Vp8FrameHeader}, per-macroblock modes,
 * coefficient tokens and dequantisation here, then {@link Vp8Reconstruction} (intra prediction from
 * unfiltered neighbours plus inverse transforms) and finally {@link Vp8LoopFilter} over the whole
 * frame. Decoding is exactly specified, so the planes are bit-identical to libwebp's.
 */
final class Vp8Decoder {

    /** Decoded planes; strides are the macroblock-aligned widths. */
    record Planes(int width, int height, byte[] y, byte[] u, byte[] v, int yStride, int uvStride) {}

    private final Vp8FrameHeader frameHeader;
    private final Vp8BoolDecoder header;
    private final int mbWidth;
    private final int mbHeight;
    // per-macroblock context and scratch
    private final int[] topModes;
    private final int[] leftModes = new int[4];
    private final int[][] topNonZero;
    private final int[] leftNonZero = new int[9];
    private final int[] coefficients = new int[25 * 16];
    private final int[] y2 = new int[16];

    private Vp8Decoder(byte[] data, int start, int length) throws IOException {
        frameHeader = new Vp8FrameHeader(data, start, length);
        header = frameHeader.modes;
        mbWidth = (frameHeader.width + 15) >> 4;
        mbHeight = (frameHeader.height + 15) >> 4;
        topModes = new int[mbWidth * 4];
        topNonZero = new int[mbWidth][9];
    }

    /** Decodes the VP8 frame stored in {@code data[start, start + length)}. */
    static Planes decode(byte[] data, int start, int length) throws IOException {
        return new Vp8Decoder(data, start, length).decodeFrame();
    }

    private Planes decodeFrame() throws IOException {
        Vp8Reconstruction frame = new Vp8Reconstruction(mbWidth, mbHeight);
        Vp8LoopFilter loopFilter = new Vp8LoopFilter(frameHeader.filter, mbWidth, mbHeight);
        int[] subblockModes = new int[16];
        for (int mbY = 0; mbY < mbHeight; mbY++) {
            Arrays.fill(leftModes, Vp8Tables.B_DC);
            Arrays.fill(leftNonZero, 0);
            Vp8BoolDecoder tokens = frameHeader.partitions[mbY & (frameHeader.partitions.length - 1)];
            for (int mbX = 0; mbX < mbWidth; mbX++) {
                int[] segmentProbabilities = frameHeader.segmentProbabilities;
                int segment = frameHeader.updateSegmentMap
                        ? (header.bit(segmentProbabilities[0]) == 0 ? header.bit(segmentProbabilities[1])
                                : 2 + header.bit(segmentProbabilities[2]))
                        : 0;
                boolean skip = frameHeader.skipProbability >= 0 && header.bit(frameHeader.skipProbability) == 1;
                int lumaMode = readModes(mbX, subblockModes);
                int chromaMode = header.bit(142) == 0 ? Vp8Reconstruction.DC
                        : header.bit(114) == 0 ? Vp8Reconstruction.V
                        : header.bit(183) == 1 ? Vp8Reconstruction.TM : Vp8Reconstruction.H;
                if (header.eof()) {
                    throw new IOException("file is truncated (VP8 modes)");
                }
                boolean subblocks = lumaMode < 0;
                boolean anyNonZero;
                if (skip) {
                    Arrays.fill(coefficients, 0);
                    clearContexts(mbX, subblocks);
                    anyNonZero = false;
                } else {
                    anyNonZero = readResiduals(tokens, mbX, subblocks, frameHeader.quant[segment]);
                    if (tokens.eof()) {
                        throw new IOException("file is truncated (VP8 coefficients)");
                    }
                }
                frame.reconstruct(mbX, mbY, lumaMode, subblockModes, chromaMode, coefficients);
                loopFilter.setMacroblock(mbX, mbY, segment, subblocks, subblocks || anyNonZero);
            }
        }
        loopFilter.apply(frame);
        return new Planes(frameHeader.width, frameHeader.height, frame.y(), frame.u(), frame.v(), mbWidth * 16, mbWidth * 8);
    }

    /** Reads the luma modes; returns the 16x16 mode, or -1 with {@code subblockModes} filled. */
    private int readModes(int mbX, int[] subblockModes) {
        if (header.bit(145) == 1) {
            int mode = header.bit(156) == 1
                    ? (header.bit(128) == 1 ? Vp8Reconstruction.TM : Vp8Reconstruction.H)
                    : (header.bit(163) == 1 ? Vp8Reconstruction.V : Vp8Reconstruction.DC);
            int context = switch (mode) {
                case Vp8Reconstruction.TM -> Vp8Tables.B_TM;
                case Vp8Reconstruction.V -> Vp8Tables.B_VE;
                case Vp8Reconstruction.H -> Vp8Tables.B_HE;
                default -> Vp8Tables.B_DC;
            };
            Arrays.fill(topModes, mbX * 4, mbX * 4 + 4, context);
            Arrays.fill(leftModes, context);
            return mode;
        }
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int[] probabilities = Vp8Tables.SUBBLOCK_MODE_PROBABILITIES[topModes[mbX * 4 + x]][leftModes[y]];
                int i = 0;
                while ((i = Vp8Tables.SUBBLOCK_MODE_TREE[i + header.bit(probabilities[i >> 1])]) > 0) {
                    // walk the tree
                }
                int mode = -i;
                subblockModes[y * 4 + x] = mode;
                topModes[mbX * 4 + x] = mode;
                leftModes[y] = mode;
            }
        }
        return -1;
    }

    private void clearContexts(int mbX, boolean subblocks) {
        int[] top = topNonZero[mbX];
        for (int i = 0; i < 8; i++) {
            top[i] = 0;
            leftNonZero[i] = 0;
        }
        if (!subblocks) {
            top[8] = 0;
            leftNonZero[8] = 0;
        }
    }

    /**
     * Reads and dequantises all coefficients of a macroblock into {@link #coefficients} (blocks 0-15
     * luma, 16-19 U, 20-23 V); returns whether any coefficient (after the Y2 transform) is non-zero.
     */
    private boolean readResiduals(Vp8BoolDecoder tokens, int mbX, boolean subblocks, int[] q) {
        Arrays.fill(coefficients, 0);
        int[] top = topNonZero[mbX];
        int first;
        int lumaType;
        if (!subblocks) {
            Arrays.fill(y2, 0);
            int count = readBlock(tokens, 1, top[8] + leftNonZero[8], q[2], q[3], 0, y2, 0);
            top[8] = leftNonZero[8] = count > 0 ? 1 : 0;
            Vp8Reconstruction.inverseWalshHadamard(y2, coefficients);
            first = 1;
            lumaType = 0;
        } else {
            first = 0;
            lumaType = 3;
        }
        boolean anyNonZero = false;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int block = y * 4 + x;
                int count = readBlock(tokens, lumaType, top[x] + leftNonZero[y], q[0], q[1], first, coefficients,
                        block * 16);
                top[x] = leftNonZero[y] = count > first ? 1 : 0;
                anyNonZero |= count > 1 || coefficients[block * 16] != 0;
            }
        }
        for (int plane = 0; plane < 2; plane++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    int block = 16 + plane * 4 + y * 2 + x;
                    int context = 4 + plane * 2;
                    int count = readBlock(tokens, 2, top[context + x] + leftNonZero[context + y], q[4], q[5], 0,
                            coefficients, block * 16);
                    top[context + x] = leftNonZero[context + y] = count > 0 ? 1 : 0;
                    anyNonZero |= count > 1 || coefficients[block * 16] != 0;
                }
            }
        }
        return anyNonZero;
    }

    /**
     * Reads one block's tokens from position {@code first} (libwebp's GetCoeffs), writing dequantised
     * values in raster order at {@code out[offset..]}; returns 1 + the last position read, or 16.
     */
    private int readBlock(Vp8BoolDecoder br, int type, int context, int dcQuant, int acQuant, int first,
            int[] out, int offset) {
        int[][][] bands = frameHeader.coefficientProbabilities[type];
        int[] p = bands[Vp8Tables.BANDS[first]][context];
        for (int n = first; n < 16; n++) {
            if (br.bit(p[0]) == 0) {
                return n;
            }
            while (br.bit(p[1]) == 0) {
                p = bands[Vp8Tables.BANDS[++n]][0];
                if (n == 16) {
                    return 16;
                }
            }
            int v;
            int[][] next = bands[Vp8Tables.BANDS[n + 1]];
            if (br.bit(p[2]) == 0) {
                v = 1;
                p = next[1];
            } else {
                v = largeValue(br, p);
                p = next[2];
            }
            int signed = br.bit(128) == 1 ? -v : v;
            out[offset + Vp8Tables.ZIGZAG[n]] = signed * (n > 0 ? acQuant : dcQuant);
        }
        return 16;
    }

    private static int largeValue(Vp8BoolDecoder br, int[] p) {
        if (br.bit(p[3]) == 0) {
            return br.bit(p[4]) == 0 ? 2 : 3 + br.bit(p[5]);
        }
        if (br.bit(p[6]) == 0) {
            if (br.bit(p[7]) == 0) {
                return 5 + br.bit(159);
            }
            int v = 7 + 2 * br.bit(165);
            return v + br.bit(145);
        }
        int bit1 = br.bit(p[8]);
        int bit0 = br.bit(p[9 + bit1]);
        int category = 2 * bit1 + bit0;
        int v = 0;
        for (int probability : Vp8Tables.CATEGORY_PROBABILITIES[category]) {
            v += v + br.bit(probability);
        }
        return v + 3 + (8 << category);
    }
}
