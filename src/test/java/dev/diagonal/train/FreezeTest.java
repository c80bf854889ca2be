package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.Fixtures;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipModel;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Freeze specs on the parity model (2 text blocks, 2 vision blocks): exactly the right names stay trainable. */
class FreezeTest {

    private final ClipModel model = new ClipModel(ClipConfig.read(Fixtures.path("train/parity-model")));

    private Set<String> trainable(String spec) {
        return new TreeSet<>(Freeze.parse(spec).apply(model).keySet());
    }

    private Set<String> names(Predicate<String> keep) {
        TreeSet<String> out = new TreeSet<>();
        model.stateDict().keySet().stream().filter(keep).forEach(out::add);
        return out;
    }

    @Test
    void noneTrainsEverythingAndMarksParametersTrainable() {
        assertThat(trainable("none")).isEqualTo(names(n -> true)).hasSize(78);
        assertThat(model.stateDict().values()).allMatch(p -> p.requiresGradient());
    }

    @Test
    void imageFreezesTheVisionTowerWithItsProjection() {
        assertThat(trainable("image")).isEqualTo(names(n -> !n.startsWith("vision_model.") && !n.startsWith("visual_projection.")));
        assertThat(model.stateDict().get("vision_model.encoder.layers.1.mlp.fc1.weight").requiresGradient()).isFalse();
        assertThat(model.stateDict().get("text_model.encoder.layers.1.mlp.fc1.weight").requiresGradient()).isTrue();
    }

    @Test
    void lastNKeepsTheLastBlocksTheFinalNormAndTheProjection() {
        assertThat(trainable("text:last=1")).isEqualTo(names(n -> !n.startsWith("text_model.")
                || n.startsWith("text_model.encoder.layers.1.") || n.startsWith("text_model.final_layer_norm.")));
        assertThat(trainable("image:last=0")).isEqualTo(names(n -> !n.startsWith("vision_model.")
                || n.startsWith("vision_model.post_layernorm.")));
        assertThat(trainable("image:last=2")).isEqualTo(names(n -> !n.startsWith("vision_model.embeddings.")
                && !n.startsWith("vision_model.pre_layrnorm.")));
    }

    @Test
    void allButProjectionsKeepsTheProjectionsAndTheLogitScale() {
        assertThat(trainable("all-but-projections"))
                .containsExactly("logit_scale", "text_projection.weight", "visual_projection.weight");
    }

    @Test
    void partsCombine() {
        assertThat(trainable("image, text:last=1")).isEqualTo(names(n -> !n.startsWith("vision_model.")
                && !n.startsWith("visual_projection.") && (!n.startsWith("text_model.")
                || n.startsWith("text_model.encoder.layers.1.") || n.startsWith("text_model.final_layer_norm."))));
        assertThat(trainable("image,text")).containsExactly("logit_scale");
        assertThat(trainable("none")).hasSize(78); // unfreezing works after a freeze
    }

    @Test
    void badSpecsNameTheProblem() {
        assertThatThrownBy(() -> Freeze.parse("vision")).isInstanceOf(DiagonalException.class).hasMessageContaining("\"vision\"");
        assertThatThrownBy(() -> Freeze.parse("none,image")).isInstanceOf(DiagonalException.class).hasMessageContaining("none");
        assertThatThrownBy(() -> Freeze.parse("text:last=-1")).isInstanceOf(DiagonalException.class);
        assertThatThrownBy(() -> Freeze.parse("image:last=3").apply(model)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("only 2 blocks");
    }

    @Test
    void decayGroupLeavesOutBiasesNormsEmbeddingsAndTheLogitScale() {
        assertThat(names(n -> !ParamGroups.decays(n))).allMatch(n -> n.endsWith("bias") || n.equals("logit_scale")
                || n.contains("norm") || n.contains("layrnorm") || n.contains("embedding.weight") || n.endsWith("class_embedding"))
                .contains("logit_scale", "vision_model.embeddings.class_embedding",
                        "vision_model.embeddings.position_embedding.weight", "text_model.embeddings.token_embedding.weight",
                        "vision_model.pre_layrnorm.weight", "text_model.final_layer_norm.bias")
                .doesNotContain("vision_model.embeddings.patch_embedding.weight");
        assertThat(ParamGroups.decays("text_model.encoder.layers.0.self_attn.q_proj.weight")).isTrue();
        assertThat(ParamGroups.decays("visual_projection.weight")).isTrue();
    }
}
