package dev.diagonal.image;

import java.io.IOException;

/**
 * The frame-level part of a VP8 key frame (RFC 6386 sections 9 and 19.2, in libwebp's order): frame
 * tag and size, then from the first partition the segment, loop-filter and quantiser settings, the
 * token partitions and the coefficient probabilities. Afterwards {@link #modes} is positioned at the
 * per-macroblock mode data.
 */
final class Vp8FrameHeader {

    final Vp8BoolDecoder modes;
    final Vp8BoolDecoder[] partitions;
    final int width;
    final int height;
    final boolean updateSegmentMap;
    final int[] segmentProbabilities = {255, 255, 255};
    final Vp8LoopFilter.Settings filter;
    /** Per segment: y1 dc, y1 ac, y2 dc, y2 ac, uv dc, uv ac dequantisation factors. */
    final int[][] quant = new int[4][6];
    final int[][][][] coefficientProbabilities = new int[4][8][3][11];
    /** Probability of the per-macroblock "no coefficients" flag, or -1 when the flag is absent. */
    final int skipProbability;

    Vp8FrameHeader(byte[] data, int start, int length) throws IOException {
        if (length < 10) {
            throw new IOException("file is truncated");
        }
        int tag = (data[start] & 0xFF) | (data[start + 1] & 0xFF) << 8 | (data[start + 2] & 0xFF) << 16;
        boolean keyFrame = (tag & 1) == 0;
        int firstPartitionSize = tag >>> 5;
        if (!keyFrame || ((tag >> 1) & 7) > 3 || ((tag >> 4) & 1) == 0) {
            throw new IOException("VP8 data is not a displayable key frame");
        }
        if ((data[start + 3] & 0xFF) != 0x9D || (data[start + 4] & 0xFF) != 0x01 || (data[start + 5] & 0xFF) != 0x2A) {
            throw new IOException("bad VP8 start code");
        }
        width = ((data[start + 6] & 0xFF) | (data[start + 7] & 0xFF) << 8) & 0x3FFF;
        height = ((data[start + 8] & 0xFF) | (data[start + 9] & 0xFF) << 8) & 0x3FFF;
        if (width == 0 || height == 0) {
            throw new IOException("VP8 frame has no pixels");
        }
        int afterHeader = start + 10;
        int end = start + length;
        if (firstPartitionSize > end - afterHeader) {
            throw new IOException("file is truncated (first VP8 partition)");
        }
        modes = new Vp8BoolDecoder(data, afterHeader, firstPartitionSize);
        modes.bit(128); // colour space (ignored, as by libwebp)
        modes.bit(128); // clamping type (libwebp always clamps)
        int[] segmentQuantizer = new int[4];
        int[] segmentFilter = new int[4];
        boolean useSegments = modes.bit(128) == 1;
        boolean absoluteDeltas = true;
        boolean updateMap = false;
        if (useSegments) {
            updateMap = modes.bit(128) == 1;
            if (modes.bit(128) == 1) {
                absoluteDeltas = modes.bit(128) == 1;
                for (int s = 0; s < 4; s++) {
                    segmentQuantizer[s] = modes.optionalSigned(7);
                }
                for (int s = 0; s < 4; s++) {
                    segmentFilter[s] = modes.optionalSigned(6);
                }
            }
            if (updateMap) {
                for (int s = 0; s < 3; s++) {
                    segmentProbabilities[s] = modes.bit(128) == 1 ? modes.literal(8) : 255;
                }
            }
        }
        updateSegmentMap = updateMap;
        filter = Vp8LoopFilter.Settings.read(modes, useSegments, absoluteDeltas, segmentFilter);
        partitions = readPartitions(data, afterHeader + firstPartitionSize, end);
        readQuantizers(useSegments, absoluteDeltas, segmentQuantizer);
        modes.bit(128); // refresh entropy probabilities: irrelevant for a single frame
        for (int t = 0; t < 4; t++) {
            for (int b = 0; b < 8; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 11; p++) {
                        coefficientProbabilities[t][b][c][p] =
                                modes.bit(Vp8Tables.COEFFICIENT_UPDATE_PROBABILITIES[t][b][c][p]) == 1
                                        ? modes.literal(8) : Vp8Tables.COEFFICIENT_PROBABILITIES[t][b][c][p];
                    }
                }
            }
        }
        skipProbability = modes.bit(128) == 1 ? modes.literal(8) : -1;
    }

    private Vp8BoolDecoder[] readPartitions(byte[] data, int start, int end) throws IOException {
        int count = 1 << modes.literal(2);
        int sizesLength = 3 * (count - 1);
        if (end - start < sizesLength) {
            throw new IOException("file is truncated (VP8 partition table)");
        }
        Vp8BoolDecoder[] result = new Vp8BoolDecoder[count];
        int partStart = start + sizesLength;
        for (int p = 0; p < count - 1; p++) {
            int i = start + 3 * p;
            int size = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16;
            size = Math.min(size, end - partStart);
            result[p] = new Vp8BoolDecoder(data, partStart, size);
            partStart += size;
        }
        if (partStart >= end) {
            throw new IOException("file is truncated (VP8 partitions)");
        }
        result[count - 1] = new Vp8BoolDecoder(data, partStart, end - partStart);
        return result;
    }

    private void readQuantizers(boolean useSegments, boolean absoluteDeltas, int[] segmentQuantizer) {
        int base = modes.literal(7);
        int y1Dc = modes.optionalSigned(4);
        int y2Dc = modes.optionalSigned(4);
        int y2Ac = modes.optionalSigned(4);
        int uvDc = modes.optionalSigned(4);
        int uvAc = modes.optionalSigned(4);
        for (int s = 0; s < 4; s++) {
            int q = useSegments ? segmentQuantizer[s] + (absoluteDeltas ? 0 : base) : base;
            int[] m = quant[s];
            m[0] = Vp8Tables.DC_QUANTIZER[clip(q + y1Dc, 127)];
            m[1] = Vp8Tables.AC_QUANTIZER[clip(q, 127)];
            m[2] = Vp8Tables.DC_QUANTIZER[clip(q + y2Dc, 127)] * 2;
            m[3] = Math.max((Vp8Tables.AC_QUANTIZER[clip(q + y2Ac, 127)] * 101581) >> 16, 8);
            m[4] = Vp8Tables.DC_QUANTIZER[clip(q + uvDc, 117)];
            m[5] = Vp8Tables.AC_QUANTIZER[clip(q + uvAc, 127)];
        }
    }

    private static int clip(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
