package dev.diagonal.io;

import dev.diagonal.DiagonalException;
import dev.diagonal.io.SafetensorsHeader.TensorEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format
 * directly (8-byte little-endian header length, JSON header, raw little-endian data), without going
 * through DJL, which cannot handle BF16. Every failure caused by the file is a {@link DiagonalException}
 * naming the file, and the tensor where one is at fault.
 */
public final class Safetensors {

    private static final int WRITE_CHUNK_BYTES = 1 << 20;

    private Safetensors() {}

    /** Reads and validates the header only; no tensor data is read. */
    public static SafetensorsHeader readHeader(Path file) {
        try (FileChannel channel = open(file)) {
            return HeaderCodec.parse(file, channel);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Reads every tensor, widened to float32.
     *
     * @return tensors by name, in header order
     */
    public static Map<String, HostTensor> read(Path file) {
        return read(file, name -> true);
    }

    /**
     * Reads the tensors whose names pass {@code include}, widened to float32; the others are skipped
     * without being read.
     *
     * @return tensors by name, in header order
     */
    public static Map<String, HostTensor> read(Path file, Predicate<String> include) {
        try (FileChannel channel = open(file)) {
            SafetensorsHeader header = HeaderCodec.parse(file, channel);
            TensorDecoder decoder = new TensorDecoder(file, channel, header.dataStart());
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (TensorEntry entry : header.tensors().values()) {
                if (include.test(entry.name())) {
                    tensors.put(entry.name(), decoder.read(entry));
                }
            }
            return tensors;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Writes tensors atomically (the target is replaced only once the whole file is on disk). Tensors are
     * stored in name order, the header's keys sorted, and the header padded with spaces so the data starts
     * on an 8-byte boundary, as the reference implementation does. F16 values are rounded to nearest even.
     *
     * @param metadata strings for {@code __metadata__}; may be empty or {@code null}
     * @param storeAs {@link TensorDType#F32} or {@link TensorDType#F16}
     * @throws IllegalArgumentException for another {@code storeAs}, a duplicate name or the name
     *     {@code __metadata__}
     */
    public static void write(Path file, Collection<HostTensor> tensors, Map<String, String> metadata,
            TensorDType storeAs) {
        if (storeAs != TensorDType.F32 && storeAs != TensorDType.F16) {
            throw new IllegalArgumentException("can only write F32 or F16, not " + storeAs);
        }
        List<HostTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(HostTensor::name));
        Set<String> names = new HashSet<>();
        for (HostTensor tensor : sorted) {
            if (!names.add(tensor.name()) || tensor.name().equals(HeaderCodec.METADATA_KEY)) {
                throw new IllegalArgumentException("cannot write tensor name " + tensor.name() + " (duplicate or reserved)");
            }
        }
        byte[] header = HeaderCodec.encode(sorted, metadata == null ? Map.of() : metadata, storeAs);
        AtomicFiles.write(file, out -> {
            ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            chunk.putLong(header.length);
            out.write(chunk.array(), 0, 8);
            out.write(header);
            for (HostTensor tensor : sorted) {
                writeData(out, chunk, tensor.data(), storeAs);
            }
        });
    }

    private static void writeData(OutputStream out, ByteBuffer chunk, float[] data, TensorDType storeAs)
            throws IOException {
        int perChunk = WRITE_CHUNK_BYTES / storeAs.byteSize();
        for (int start = 0; start < data.length; start += perChunk) {
            int count = Math.min(perChunk, data.length - start);
            chunk.clear();
            if (storeAs == TensorDType.F32) {
                chunk.asFloatBuffer().put(data, start, count);
            } else {
                for (int i = 0; i < count; i++) {
                    chunk.putShort(2 * i, Float16.fromFloat(data[start + i]));
                }
            }
            out.write(chunk.array(), 0, count * storeAs.byteSize());
        }
    }

    private static FileChannel open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DiagonalException(file + " is a folder, not a safetensors file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DiagonalException(file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new DiagonalException(file + " cannot be read: permission denied");
        }
    }

    private static DiagonalException cannotRead(Path file, IOException e) {
        return new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
    }
}
