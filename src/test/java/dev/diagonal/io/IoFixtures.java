package dev.diagonal.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The Python-written fixtures of {@code tools/reference/make_io_fixtures.py} and their expected values. */
final class IoFixtures {

    private static final Map<String, TensorDType> TORCH_TYPES = Map.of(
            "float64", TensorDType.F64, "float32", TensorDType.F32, "float16", TensorDType.F16,
            "bfloat16", TensorDType.BF16, "int64", TensorDType.I64, "int32", TensorDType.I32,
            "int16", TensorDType.I16, "int8", TensorDType.I8, "uint8", TensorDType.U8, "bool", TensorDType.BOOL);

    private static JsonNode expected;

    private IoFixtures() {}

    /** The fixture folder (or a file in it). */
    static Path path(String relative) {
        try {
            return Path.of(IoFixtures.class.getResource("/fixtures/io/expected.json").toURI()).resolveSibling(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** expected.json: per file, {"metadata": {...}, "tensors": {name: {dtype, shape, f32_bits}}}. */
    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(path("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    static TensorDType dtypeOf(JsonNode tensor) {
        return TORCH_TYPES.get(tensor.get("dtype").asText());
    }

    static long[] shapeOf(JsonNode tensor) {
        long[] shape = new long[tensor.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.get("shape").get(i).asLong();
        }
        return shape;
    }

    static float[] valuesOf(JsonNode tensor) {
        JsonNode bits = tensor.get("f32_bits");
        float[] values = new float[bits.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(bits.get(i).asInt());
        }
        return values;
    }

    /**
     * Asserts that a loaded tensor matches torch's widening bit for bit; for NaN only NaN-ness and sign
     * are compared (torch canonicalises NaN payloads when widening).
     */
    static void assertMatches(HostTensor actual, JsonNode expectedTensor) {
        assertThat(actual.sourceType()).as(actual.name()).isEqualTo(dtypeOf(expectedTensor));
        assertThat(actual.shape()).as(actual.name()).containsExactly(shapeOf(expectedTensor));
        float[] want = valuesOf(expectedTensor);
        float[] got = actual.data();
        assertThat(got).as(actual.name()).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            if (Float.isNaN(want[i])) {
                assertThat(got[i]).as(actual.name() + "[" + i + "]").isNaN();
            } else {
                assertThat(Float.floatToRawIntBits(got[i])).as(actual.name() + "[" + i + "] = " + got[i])
                        .isEqualTo(Float.floatToRawIntBits(want[i]));
            }
        }
    }
}
