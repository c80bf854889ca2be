package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.Fixtures;
import org.junit.jupiter.api.Test;

class InfoCommandTest {

    @Test
    void describesArchitectureParametersAndDtypes() {
        CliRunner.Outcome outcome = CliRunner.run("info", "--model", Fixtures.path("clip/small-gelu-bf16").toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("40x40 images in 10x10 patches (17 tokens)")
                .contains("3 layers, width 24, 2 heads, mlp 50, gelu, eps 1.0E-6")
                .contains("first eos id 999")
                .contains("104,263 in") // parameter count printed by make_model_fixtures.py
                .contains("[BF16]");
    }

    @Test
    void shardedCheckpointsCountEveryShard() {
        CliRunner.Outcome outcome = CliRunner.run("info", "--model", Fixtures.path("clip/mono-geluNew-sharded").toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("51,041 in").contains("model-00004-of-00004.safetensors");
    }
}
