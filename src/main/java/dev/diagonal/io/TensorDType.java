package dev.diagonal.io;

import java.util.Optional;

/**
 * Element types a safetensors file can hold that Diagonal reads. Every type is widened (or narrowed) to
 * float32 on load; only {@link #F32} and {@link #F16} are written.
 */
public enum TensorDType {
    /** IEEE 754 binary64; narrowed to float32 with round-to-nearest on load. */
    F64(8),
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary16 (half precision); widened exactly. */
    F16(2),
    /** bfloat16 (the top 16 bits of a float32); widened exactly. */
    BF16(2),
    /** Signed 64-bit integer; converted to the nearest float32. */
    I64(8),
    /** Signed 32-bit integer; converted to the nearest float32. */
    I32(4),
    /** Signed 16-bit integer. */
    I16(2),
    /** Signed 8-bit integer. */
    I8(1),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** Boolean stored as one byte; any non-zero byte reads as 1. */
    BOOL(1);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes one element occupies in a file. */
    public int byteSize() {
        return byteSize;
    }

    /** The spelling used in a safetensors header ({@code "F32"}, {@code "BF16"}, ...). */
    public String safetensorsName() {
        return name();
    }

    /** Whether this is a floating-point type. */
    public boolean isFloatingPoint() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The type a safetensors header names, or empty when Diagonal does not read that type. */
    public static Optional<TensorDType> fromSafetensorsName(String name) {
        for (TensorDType type : values()) {
            if (type.safetensorsName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
