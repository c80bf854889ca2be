package dev.diagonal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.SafetensorsHeader.TensorEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes the JSON header of a safetensors file, validating it against the file's size. */
final class HeaderCodec {

    /** The largest header the reference implementation accepts (100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HeaderCodec() {}

    /** Parses and validates the header of an open file. */
    static SafetensorsHeader parse(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new DiagonalException(file + " is not a safetensors file: only " + size + " bytes");
        }
        long headerLength = readBytes(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new DiagonalException(file + " is not a safetensors file: header length "
                    + Long.toUnsignedString(headerLength) + " is absurdly large");
        }
        if (headerLength > size - 8) {
            throw new DiagonalException(file + " is truncated: header length " + headerLength
                    + " runs past the end of the file (" + size + " bytes)");
        }
        ByteBuffer json = readBytes(channel, 8, (int) headerLength);
        JsonNode root;
        try {
            root = JSON.readTree(json.array());
        } catch (JsonProcessingException e) {
            throw new DiagonalException(file + ": header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new DiagonalException(file + ": header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                TensorEntry entry = parseEntry(file, field.getKey(), field.getValue());
                if (entry.end() > dataLength) {
                    throw new DiagonalException(file + " is truncated: tensor " + entry.name() + " ends at data byte "
                            + entry.end() + " but the data section holds " + dataLength + " bytes");
                }
                tensors.put(entry.name(), entry);
            }
        }
        checkNoOverlap(file, tensors.values());
        return new SafetensorsHeader(file, tensors, metadata, dataStart, dataLength);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new DiagonalException(file + ": " + METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new DiagonalException(file + ": " + METADATA_KEY + " value of " + field.getKey()
                        + " is not a string");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static TensorEntry parseEntry(Path file, String name, JsonNode node) {
        String where = "tensor " + name + " in " + file;
        if (!node.isObject()) {
            throw new DiagonalException(where + ": header entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new DiagonalException(where + ": missing dtype");
        }
        TensorDType dtype = TensorDType.fromSafetensorsName(dtypeNode.textValue()).orElseThrow(() ->
                new DiagonalException("unsupported dtype " + dtypeNode.textValue() + " for " + where));
        long[] shape = nonNegativeLongs(node.get("shape"), -1, where + ": shape is not a list of sizes");
        long[] offsets = nonNegativeLongs(node.get("data_offsets"), 2,
                where + ": data_offsets is not a pair of non-negative byte offsets");
        if (offsets[0] > offsets[1]) {
            throw new DiagonalException(where + ": data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long expected;
        try {
            expected = Math.multiplyExact(HostTensor.elementCount(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new DiagonalException(where + ": shape " + Arrays.toString(shape) + " is too large");
        }
        if (expected != offsets[1] - offsets[0]) {
            throw new DiagonalException(where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected + " bytes but data_offsets " + Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]));
        }
        return new TensorEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] nonNegativeLongs(JsonNode node, int requiredLength, String problem) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw new DiagonalException(problem);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode item = node.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() < 0) {
                throw new DiagonalException(problem);
            }
            values[i] = item.longValue();
        }
        return values;
    }

    private static void checkNoOverlap(Path file, Iterable<TensorEntry> entries) {
        List<TensorEntry> occupied = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.byteLength() > 0) {
                occupied.add(entry);
            }
        });
        occupied.sort(Comparator.comparingLong(TensorEntry::begin));
        for (int i = 1; i < occupied.size(); i++) {
            TensorEntry previous = occupied.get(i - 1);
            TensorEntry current = occupied.get(i);
            if (current.begin() < previous.end()) {
                throw new DiagonalException("tensors " + previous.name() + " and " + current.name() + " in " + file
                        + " overlap: data_offsets [" + previous.begin() + ", " + previous.end() + "] and ["
                        + current.begin() + ", " + current.end() + "]");
            }
        }
    }

    /**
     * Encodes a header for tensors laid out back to back in the given order, padded with spaces so that
     * the data section starts on an 8-byte boundary.
     */
    static byte[] encode(List<HostTensor> tensors, Map<String, String> metadata, TensorDType storeAs) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (HostTensor tensor : tensors) {
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", storeAs.safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (long size : tensor.shape()) {
                shape.add(size);
            }
            long end = offset + tensor.numel() * storeAs.byteSize();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /** Reads exactly {@code length} bytes at {@code position} into a heap buffer. */
    static ByteBuffer readBytes(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }
}
