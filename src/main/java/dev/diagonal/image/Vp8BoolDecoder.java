package dev.diagonal.image;

/**
 * VP8's boolean entropy decoder (RFC 6386 section 7). Past the end of its partition it reads zero
 * bits and raises {@link #eof} at the point where libwebp does (when a read needs bits beyond the
 * data), so truncated files fail as they do in Pillow.
 */
final class Vp8BoolDecoder {

    private final byte[] data;
    private final int end;
    private final long lastLoadableShift;
    private int position;
    private int value;
    private int range = 255;
    private int bitCount;
    private long shifts;
    private boolean eof;

    Vp8BoolDecoder(byte[] data, int start, int length) {
        this.data = data;
        this.position = start;
        this.end = start + length;
        this.lastLoadableShift = 8L * (length - 1);
        this.eof = length <= 0;
        value = (nextByte() << 8) | nextByte();
    }

    private int nextByte() {
        return position < end ? data[position++] & 0xFF : 0;
    }

    /** True once a read needed data beyond the partition. */
    boolean eof() {
        return eof;
    }

    /** One bit that is 0 with probability {@code probability / 256}. */
    int bit(int probability) {
        if (shifts > lastLoadableShift) {
            eof = true;
        }
        int split = 1 + (((range - 1) * probability) >> 8);
        int bigSplit = split << 8;
        int bit;
        if (value >= bigSplit) {
            bit = 1;
            range -= split;
            value -= bigSplit;
        } else {
            bit = 0;
            range = split;
        }
        while (range < 128) {
            value <<= 1;
            range <<= 1;
            shifts++;
            if (++bitCount == 8) {
                bitCount = 0;
                value |= nextByte();
            }
        }
        return bit;
    }

    /** An unsigned {@code bits}-bit literal, most significant bit first, each bit at probability 1/2. */
    int literal(int bits) {
        int v = 0;
        while (bits-- > 0) {
            v = (v << 1) | bit(128);
        }
        return v;
    }

    /** A {@code bits}-bit magnitude followed by a sign bit (libwebp's VP8GetSignedValue). */
    int signedLiteral(int bits) {
        int magnitude = literal(bits);
        return bit(128) == 1 ? -magnitude : magnitude;
    }

    /** An optional signed value: a flag bit, then {@link #signedLiteral} if set, else 0. */
    int optionalSigned(int bits) {
        return bit(128) == 1 ? signedLiteral(bits) : 0;
    }
}
