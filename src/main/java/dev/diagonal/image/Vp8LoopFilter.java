package dev.diagonal.image;

/**
 * VP8's loop filter (RFC 6386 section 15, as libwebp implements it), applied to the whole
 * reconstructed frame macroblock by macroblock in raster order: left edge, inner vertical edges,
 * top edge, inner horizontal edges. "Simple" filtering touches luma only.
 */
final class Vp8LoopFilter {

    /** Frame-level filter parameters and the per-segment strengths derived from them. */
    record Settings(int type, int[][] limit, int[][] interiorLimit, int[][] hevThreshold) {

        /** Reads the filter header fields and precomputes strengths as libwebp does. */
        static Settings read(Vp8BoolDecoder br, boolean useSegments, boolean absoluteDeltas, int[] segmentFilter) {
            boolean simple = br.bit(128) == 1;
            int level = br.literal(6);
            int sharpness = br.literal(3);
            int[] refDelta = new int[4];
            int[] modeDelta = new int[4];
            boolean useDeltas = br.bit(128) == 1;
            if (useDeltas && br.bit(128) == 1) {
                for (int i = 0; i < 4; i++) {
                    refDelta[i] = br.optionalSigned(6);
                }
                for (int i = 0; i < 4; i++) {
                    modeDelta[i] = br.optionalSigned(6);
                }
            }
            int type = level == 0 ? 0 : simple ? 1 : 2;
            int[][] limit = new int[4][2];
            int[][] interior = new int[4][2];
            int[][] hev = new int[4][2];
            for (int s = 0; s < 4; s++) {
                int base = useSegments ? segmentFilter[s] + (absoluteDeltas ? 0 : level) : level;
                for (int i4x4 = 0; i4x4 <= 1; i4x4++) {
                    int l = base;
                    if (useDeltas) {
                        l += refDelta[0] + (i4x4 == 1 ? modeDelta[0] : 0);
                    }
                    l = l < 0 ? 0 : Math.min(l, 63);
                    if (l > 0) {
                        int il = l;
                        if (sharpness > 0) {
                            il >>= sharpness > 4 ? 2 : 1;
                            il = Math.min(il, 9 - sharpness);
                        }
                        il = Math.max(il, 1);
                        interior[s][i4x4] = il;
                        limit[s][i4x4] = 2 * l + il;
                        hev[s][i4x4] = l >= 40 ? 2 : l >= 15 ? 1 : 0;
                    }
                }
            }
            return new Settings(type, limit, interior, hev);
        }
    }

    private final Settings settings;
    private final int mbWidth;
    private final int[] limit;
    private final int[] interior;
    private final int[] hev;
    private final boolean[] inner;

    Vp8LoopFilter(Settings settings, int mbWidth, int mbHeight) {
        this.settings = settings;
        this.mbWidth = mbWidth;
        int count = mbWidth * mbHeight;
        limit = new int[count];
        interior = new int[count];
        hev = new int[count];
        inner = new boolean[count];
    }

    /** Records the strength of one macroblock; {@code filterInner} also filters its inner edges. */
    void setMacroblock(int mbX, int mbY, int segment, boolean subblocks, boolean filterInner) {
        int i = mbY * mbWidth + mbX;
        int mode = subblocks ? 1 : 0;
        limit[i] = settings.limit()[segment][mode];
        interior[i] = settings.interiorLimit()[segment][mode];
        hev[i] = settings.hevThreshold()[segment][mode];
        inner[i] = filterInner;
    }

    void apply(Vp8Reconstruction frame) {
        if (settings.type() == 0) {
            return;
        }
        int mbHeight = limit.length / mbWidth;
        for (int mbY = 0; mbY < mbHeight; mbY++) {
            for (int mbX = 0; mbX < mbWidth; mbX++) {
                int i = mbY * mbWidth + mbX;
                if (limit[i] == 0) {
                    continue;
                }
                filterPlane(frame.y(), frame.yStride(), mbX, mbY, 16, i);
                if (settings.type() == 2) {
                    filterPlane(frame.u(), frame.uvStride(), mbX, mbY, 8, i);
                    filterPlane(frame.v(), frame.uvStride(), mbX, mbY, 8, i);
                }
            }
        }
    }

    private void filterPlane(byte[] p, int stride, int mbX, int mbY, int size, int i) {
        int origin = mbY * size * stride + mbX * size;
        boolean simple = settings.type() == 1;
        int edgeLimit = limit[i] + 4;
        if (mbX > 0) {
            edge(p, origin, 1, stride, size, edgeLimit, i, simple, true);
        }
        if (inner[i]) {
            for (int x = 4; x < size; x += 4) {
                edge(p, origin + x, 1, stride, size, limit[i], i, simple, false);
            }
        }
        if (mbY > 0) {
            edge(p, origin, stride, 1, size, edgeLimit, i, simple, true);
        }
        if (inner[i]) {
            for (int y = 4; y < size; y += 4) {
                edge(p, origin + y * stride, stride, 1, size, limit[i], i, simple, false);
            }
        }
    }

    /**
     * Filters {@code count} positions along an edge; {@code across} steps across the edge (from
     * p0 to q0), {@code along} steps to the next position.
     */
    private void edge(byte[] p, int q0, int across, int along, int count, int edgeLimit, int i, boolean simple,
            boolean macroblockEdge) {
        int threshold = 2 * edgeLimit + 1;
        for (int n = 0; n < count; n++, q0 += along) {
            int p1 = p[q0 - 2 * across] & 0xFF;
            int p0 = p[q0 - across] & 0xFF;
            int q = p[q0] & 0xFF;
            int q1 = p[q0 + across] & 0xFF;
            if (4 * Math.abs(p0 - q) + Math.abs(p1 - q1) > threshold) {
                continue;
            }
            if (simple) {
                filter2(p, q0, across);
                continue;
            }
            int p3 = p[q0 - 4 * across] & 0xFF;
            int p2 = p[q0 - 3 * across] & 0xFF;
            int q2 = p[q0 + 2 * across] & 0xFF;
            int q3 = p[q0 + 3 * across] & 0xFF;
            int il = interior[i];
            if (Math.abs(p3 - p2) > il || Math.abs(p2 - p1) > il || Math.abs(p1 - p0) > il
                    || Math.abs(q3 - q2) > il || Math.abs(q2 - q1) > il || Math.abs(q1 - q) > il) {
                continue;
            }
            if (Math.abs(p1 - p0) > hev[i] || Math.abs(q1 - q) > hev[i]) {
                filter2(p, q0, across);
            } else if (macroblockEdge) {
                filter6(p, q0, across);
            } else {
                filter4(p, q0, across);
            }
        }
    }

    private static int clampSigned(int v, int low, int high) {
        return v < low ? low : Math.min(v, high);
    }

    /** Adjusts p0 and q0 using the outer taps (libwebp DoFilter2). */
    private static void filter2(byte[] p, int q0, int s) {
        int p1 = p[q0 - 2 * s] & 0xFF, p0 = p[q0 - s] & 0xFF, q = p[q0] & 0xFF, q1 = p[q0 + s] & 0xFF;
        int a = 3 * (q - p0) + clampSigned(p1 - q1, -128, 127);
        int a1 = clampSigned((a + 4) >> 3, -16, 15);
        int a2 = clampSigned((a + 3) >> 3, -16, 15);
        p[q0 - s] = (byte) Vp8Reconstruction.clip255(p0 + a2);
        p[q0] = (byte) Vp8Reconstruction.clip255(q - a1);
    }

    /** Inner-edge filter without outer taps, also adjusting p1 and q1 (libwebp DoFilter4). */
    private static void filter4(byte[] p, int q0, int s) {
        int p1 = p[q0 - 2 * s] & 0xFF, p0 = p[q0 - s] & 0xFF, q = p[q0] & 0xFF, q1 = p[q0 + s] & 0xFF;
        int a = 3 * (q - p0);
        int a1 = clampSigned((a + 4) >> 3, -16, 15);
        int a2 = clampSigned((a + 3) >> 3, -16, 15);
        int a3 = (a1 + 1) >> 1;
        p[q0 - 2 * s] = (byte) Vp8Reconstruction.clip255(p1 + a3);
        p[q0 - s] = (byte) Vp8Reconstruction.clip255(p0 + a2);
        p[q0] = (byte) Vp8Reconstruction.clip255(q - a1);
        p[q0 + s] = (byte) Vp8Reconstruction.clip255(q1 - a3);
    }

    /** Macroblock-edge filter adjusting three pixels on each side (libwebp DoFilter6). */
    private static void filter6(byte[] p, int q0, int s) {
        int p2 = p[q0 - 3 * s] & 0xFF, p1 = p[q0 - 2 * s] & 0xFF, p0 = p[q0 - s] & 0xFF;
        int q = p[q0] & 0xFF, q1 = p[q0 + s] & 0xFF, q2 = p[q0 + 2 * s] & 0xFF;
        int a = clampSigned(3 * (q - p0) + clampSigned(p1 - q1, -128, 127), -128, 127);
        int a1 = (27 * a + 63) >> 7;
        int a2 = (18 * a + 63) >> 7;
        int a3 = (9 * a + 63) >> 7;
        p[q0 - 3 * s] = (byte) Vp8Reconstruction.clip255(p2 + a3);
        p[q0 - 2 * s] = (byte) Vp8Reconstruction.clip255(p1 + a2);
        p[q0 - s] = (byte) Vp8Reconstruction.clip255(p0 + a1);
        p[q0] = (byte) Vp8Reconstruction.clip255(q - a1);
        p[q0 + s] = (byte) Vp8Reconstruction.clip255(q1 - a2);
        p[q0 + 2 * s] = (byte) Vp8Reconstruction.clip255(q2 - a3);
    }
}
