package dev.diagonal.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor held in Java memory as row-major float32 values, whatever type its file stored.
 *
 * @param name the tensor's name in its checkpoint (e.g. {@code "text_model.embeddings.token_embedding.weight"})
 * @param sourceType the element type the values were stored as; {@link TensorDType#F32} for tensors made in Java
 * @param shape dimension sizes, outermost first; empty for a scalar
 * @param data the values, row-major; its length equals {@link #numel()}. Not copied: the caller must not
 *     modify an array it hands over, and the record hands out its own array without copying
 */
public record HostTensor(String name, TensorDType sourceType, long[] shape, float[] data) {

    /** Validates the parts and copies the shape. */
    public HostTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long count = elementCount(shape);
        if (count != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " needs " + count + " values, got " + data.length);
        }
    }

    /** A float32 tensor holding {@code data} in the given shape. */
    public static HostTensor of(String name, float[] data, long... shape) {
        return new HostTensor(name, TensorDType.F32, shape, data);
    }

    /** A float32 tensor of zeros. */
    public static HostTensor zeros(String name, long... shape) {
        long count = elementCount(shape);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + name + " is too large: " + count + " values");
        }
        return new HostTensor(name, TensorDType.F32, shape, new float[(int) count]);
    }

    /** A float32 scalar (shape {@code []}). */
    public static HostTensor scalar(String name, float value) {
        return new HostTensor(name, TensorDType.F32, new long[0], new float[] {value});
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** The number of elements: the product of the shape (1 for a scalar). */
    public long numel() {
        return data.length;
    }

    /** The same values under another name. */
    public HostTensor withName(String newName) {
        return new HostTensor(newName, sourceType, shape, data);
    }

    /** Product of the dimension sizes; rejects negative sizes and overflow. */
    static long elementCount(long[] shape) {
        long count = 1;
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, size);
        }
        return count;
    }

    /**
     * Equal when name, source type, shape and every value match (as {@link Arrays#equals(float[], float[])}
     * compares: NaN equals NaN, 0.0 differs from -0.0).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor that
                && name.equals(that.name)
                && sourceType == that.sourceType
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sourceType, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    /** Name, type and shape; never the values. */
    @Override
    public String toString() {
        return "HostTensor[" + name + ", " + sourceType + ", " + Arrays.toString(shape) + "]";
    }
}
