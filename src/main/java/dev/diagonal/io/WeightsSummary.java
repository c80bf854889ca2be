package dev.diagonal.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a model folder's weights hold, read from safetensors headers only.
 *
 * @param tensors every tensor, in the order the file (or the shard index) lists them
 * @param parameterCount the total number of values over all tensors
 * @param dtypes the element types that occur
 * @param files the safetensors files read (one, or every shard)
 */
public record WeightsSummary(List<TensorInfo> tensors, long parameterCount, Set<TensorDType> dtypes, List<Path> files) {

    /** Copies the collections read-only. */
    public WeightsSummary {
        tensors = List.copyOf(tensors);
        dtypes = Set.copyOf(dtypes);
        files = List.copyOf(files);
    }

    /**
     * One tensor of a checkpoint.
     *
     * @param name the tensor's name
     * @param dtype its stored element type
     * @param shape its dimension sizes (empty for a scalar)
     * @param file the file (shard) holding it
     */
    public record TensorInfo(String name, TensorDType dtype, long[] shape, Path file) {

        /** Copies the shape. */
        public TensorInfo {
            shape = shape.clone();
        }

        /** A copy of the shape. */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The number of elements (1 for a scalar). */
        public long numel() {
            return HostTensor.elementCount(shape);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TensorInfo that && name.equals(that.name) && dtype == that.dtype
                    && Arrays.equals(shape, that.shape) && file.equals(that.file);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + " " + dtype + " " + Arrays.toString(shape);
        }
    }
}
