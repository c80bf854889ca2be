package dev.diagonal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;
import org.junit.jupiter.api.Test;

class ClipConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClipConfig parse(String json) throws Exception {
        return ClipConfig.fromJson((ObjectNode) JSON.readTree(json), "config.json");
    }

    @Test
    void emptyConfigTakesHfDefaultsOfVitB32() throws Exception {
        ClipConfig config = parse("{}");
        assertThat(config.projectionDim()).isEqualTo(512);
        assertThat(config.vision().hiddenSize()).isEqualTo(768);
        assertThat(config.vision().numPositions()).isEqualTo(50);
        assertThat(config.text().hiddenAct()).isEqualTo(HiddenAct.QUICK_GELU);
        assertThat(config.text().eosTokenId()).isEqualTo(49407);
        assertThat(config.text().legacyPooling()).isFalse();
    }

    @Test
    void legacyDictSectionsOverrideAsHfDoes() throws Exception {
        ClipConfig config = parse("{\"text_config\": {\"hidden_size\": 64, \"num_attention_heads\": 4},"
                + " \"text_config_dict\": {\"hidden_size\": 128, \"eos_token_id\": 2}, \"vision_config\": {\"image_size\": [64, 64], \"patch_size\": 16}}");
        assertThat(config.text().hiddenSize()).isEqualTo(128);
        assertThat(config.text().legacyPooling()).isTrue();
        assertThat(config.vision().imageSize()).isEqualTo(64);
    }

    @Test
    void roundTripsThroughItsOwnJson() throws Exception {
        ClipConfig config = parse("{\"projection_dim\": 16, \"text_config\": {\"hidden_act\": \"gelu_new\", \"layer_norm_eps\": 1e-6}}");
        assertThat(ClipConfig.fromJson(config.toJson(), "again")).isEqualTo(config);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> parse("{\"vision_config\": {\"hidden_act\": \"xielu\"}}"))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("vision_config.hidden_act").hasMessageContaining("xielu");
        assertThatThrownBy(() -> parse("{\"text_config\": {\"hidden_size\": 30, \"num_attention_heads\": 4}}"))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("text_config.hidden_size");
        assertThatThrownBy(() -> parse("{\"text_config\": {\"vocab_size\": \"many\"}}"))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("text_config.vocab_size");
    }
}
