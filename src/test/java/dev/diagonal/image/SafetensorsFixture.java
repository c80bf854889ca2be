package dev.diagonal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Test-only reader for the small safetensors fixtures (optionally gzip-compressed): an 8-byte
 * little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then the
 * data. Supports F32 and U8, which is all the image fixtures use.
 */
final class SafetensorsFixture {

    /** One tensor: shape and values (U8 values are widened to 0..255). */
    record Tensor(int[] shape, float[] values) {}

    private SafetensorsFixture() {}

    static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = file.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buffer.getLong());
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
        int dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode info = entry.getValue();
            int[] shape = new int[info.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = info.get("shape").get(i).asInt();
            }
            int begin = dataStart + info.get("data_offsets").get(0).asInt();
            int end = dataStart + info.get("data_offsets").get(1).asInt();
            String dtype = info.get("dtype").asText();
            float[] values;
            if (dtype.equals("F32")) {
                values = new float[(end - begin) / 4];
                ByteBuffer.wrap(bytes, begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            } else if (dtype.equals("U8")) {
                values = new float[end - begin];
                for (int i = 0; i < values.length; i++) {
                    values[i] = bytes[begin + i] & 0xFF;
                }
            } else {
                throw new IOException(file + ": tensor " + entry.getKey() + " has unsupported dtype " + dtype);
            }
            tensors.put(entry.getKey(), new Tensor(shape, values));
        }
        return tensors;
    }
}
