package dev.diagonal.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed JSON header of a safetensors file: where each tensor's bytes lie, with its type and shape,
 * plus the free-form {@code __metadata__} strings. Reading it touches no tensor data.
 *
 * @param file the file this header came from
 * @param tensors entries by name, in the order the header lists them
 * @param metadata the {@code __metadata__} map (empty when absent)
 * @param dataStart the file offset where the data section begins (8 + header length)
 * @param dataLength bytes in the data section (file size minus {@code dataStart})
 */
public record SafetensorsHeader(
        Path file, Map<String, TensorEntry> tensors, Map<String, String> metadata, long dataStart, long dataLength) {

    /** Wraps the maps read-only, keeping their order. */
    public SafetensorsHeader {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The total number of values over all tensors. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(TensorEntry::numel).sum();
    }

    /**
     * One tensor as the header describes it.
     *
     * @param name the tensor's name
     * @param dtype its element type
     * @param shape its dimension sizes (empty for a scalar)
     * @param begin first byte, relative to the data section
     * @param end one past the last byte, relative to the data section
     */
    public record TensorEntry(String name, TensorDType dtype, long[] shape, long begin, long end) {

        /** Copies the shape. */
        public TensorEntry {
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

        /** The number of bytes the tensor occupies: {@code end - begin}. */
        public long byteLength() {
            return end - begin;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TensorEntry that && name.equals(that.name) && dtype == that.dtype
                    && Arrays.equals(shape, that.shape) && begin == that.begin && end == that.end;
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
        }
    }
}
