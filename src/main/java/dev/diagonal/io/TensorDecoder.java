package dev.diagonal.io;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.SafetensorsHeader.TensorEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads tensors from a safetensors data section in chunks through one reusable direct buffer, converting
 * each chunk to float32 with bulk copies. No file mapping is kept, so the file can be replaced or deleted
 * right after loading (a mapped file stays locked on Windows until garbage collection).
 */
final class TensorDecoder {

    /** 4 MiB: a multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 22;

    /** The largest Java array a JVM reliably allocates. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] bytes;
    private short[] shorts;
    private int[] ints;
    private long[] longs;
    private double[] doubles;

    TensorDecoder(Path file, FileChannel channel, long dataStart) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
    }

    /** Reads one tensor, widening its values to float32. */
    HostTensor read(TensorEntry entry) throws IOException {
        long numel = entry.numel();
        if (numel > MAX_VALUES) {
            throw new DiagonalException("tensor " + entry.name() + " in " + file + " has " + numel
                    + " values, more than one Java array holds");
        }
        float[] data = new float[(int) numel];
        long position = dataStart + entry.begin();
        long remaining = entry.byteLength();
        int filled = 0;
        while (remaining > 0) {
            int chunk = (int) Math.min(CHUNK_BYTES, remaining);
            buffer.clear().limit(chunk);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new DiagonalException(file + " is truncated: the data of tensor " + entry.name()
                            + " ends early");
                }
            }
            buffer.flip();
            filled += decode(entry.dtype(), data, filled);
            position += chunk;
            remaining -= chunk;
        }
        return new HostTensor(entry.name(), entry.dtype(), entry.shape(), data);
    }

    /** Converts the buffer's content into {@code out} from {@code offset}; returns the number of values. */
    private int decode(TensorDType dtype, float[] out, int offset) {
        int count = buffer.remaining() / dtype.byteSize();
        switch (dtype) {
            case F32 -> buffer.asFloatBuffer().get(out, offset, count);
            case F64 -> {
                buffer.asDoubleBuffer().get(doubles(), 0, count);
                for (int i = 0; i < count; i++) {
                    out[offset + i] = (float) doubles[i];
                }
            }
            case F16 -> {
                buffer.asShortBuffer().get(shorts(), 0, count);
                for (int i = 0; i < count; i++) {
                    out[offset + i] = Float16.toFloat(shorts[i]);
                }
            }
            case BF16 -> {
                buffer.asShortBuffer().get(shorts(), 0, count);
                for (int i = 0; i < count; i++) {
                    out[offset + i] = Float.intBitsToFloat(shorts[i] << 16);
                }
            }
            case I64 -> {
                buffer.asLongBuffer().get(longs(), 0, count);
                for (int i = 0; i < count; i++) {
                    out[offset + i] = longs[i];
                }
            }
            case I32 -> {
                buffer.asIntBuffer().get(ints(), 0, count);
                for (int i = 0; i < count; i++) {
                    out[offset + i] = ints[i];
                }
            }
            case I16 -> {
                buffer.asShortBuffer().get(shorts(), 0, count);
                for (int i = 0; i < count; i++) {
                    out[offset + i] = shorts[i];
                }
            }
            case I8, U8, BOOL -> decodeBytes(dtype, out, offset, count);
        }
        return count;
    }

    private void decodeBytes(TensorDType dtype, float[] out, int offset, int count) {
        buffer.get(bytes(), 0, count);
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            out[offset + i] = switch (dtype) {
                case I8 -> b;
                case U8 -> b & 0xff;
                default -> b != 0 ? 1f : 0f;
            };
        }
    }

    private byte[] bytes() {
        return bytes != null ? bytes : (bytes = new byte[CHUNK_BYTES]);
    }

    private short[] shorts() {
        return shorts != null ? shorts : (shorts = new short[CHUNK_BYTES / 2]);
    }

    private int[] ints() {
        return ints != null ? ints : (ints = new int[CHUNK_BYTES / 4]);
    }

    private long[] longs() {
        return longs != null ? longs : (longs = new long[CHUNK_BYTES / 8]);
    }

    private double[] doubles() {
        return doubles != null ? doubles : (doubles = new double[CHUNK_BYTES / 8]);
    }
}
