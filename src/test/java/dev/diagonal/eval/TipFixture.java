package dev.diagonal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The Tip-Adapter parity fixture of {@code tools/reference/make_tip_adapter_fixtures.py}. */
public record TipFixture(Map<String, HostTensor> tensors, JsonNode meta) {

    public static TipFixture load() {
        try {
            return new TipFixture(Safetensors.read(Fixtures.path("tip/tip.safetensors")),
                    new ObjectMapper().readTree(Fixtures.path("tip/tip.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public float[][] rows(String name) {
        return TipAdapter.rows(tensors.get(name));
    }

    /** Pass {@code p} of a 3-D tensor. */
    public float[][] slice(String name, int p) {
        HostTensor t = tensors.get(name);
        int r = (int) t.dim(1);
        int c = (int) t.dim(2);
        float[][] out = new float[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(t.data(), (p * r + i) * c, out[i], 0, c);
        }
        return out;
    }

    public int[] ints(String name) {
        float[] data = tensors.get(name).data();
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = Math.round(data[i]);
        }
        return out;
    }

    public static final List<String> LABELS = List.of("a", "b", "c", "d");

    /** The training-free classifier at the fixture's searched α and β. */
    public TipAdapter adapter() {
        return new TipAdapter(rows("keys"), rows("values"), rows("clip_weights"), meta.get("alpha").asDouble(),
                meta.get("beta").asDouble(), LABELS);
    }
}
