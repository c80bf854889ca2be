package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.clip.ClipConfig;
import dev.diagonal.io.HfWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}: a random model folder from a config, which the rest of Diagonal opens. */
class InitCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesAModelFolderFromTheStarterConfig() {
        Path out = tmp.resolve("model");
        CliRunner.Outcome result = CliRunner.run("init", "--config", "tools/starter/config.json", "--out", out.toString(),
                "--seed", "4");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("142 tensors").contains("8,992,385 parameters");
        for (String file : new String[] {"config.json", "model.safetensors", "tokenizer.json", "preprocessor_config.json"}) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        assertThat(ClipConfig.read(out).vision().imageSize()).isEqualTo(64);
        assertThat(HfWeights.load(out)).containsKey("text_model.embeddings.token_embedding.weight");

        CliRunner.Outcome again = CliRunner.run("info", "--model", out.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    void refusesAMissingConfigWithOneLine() {
        CliRunner.Outcome result = CliRunner.run("init", "--config", tmp.resolve("nope.json").toString(), "--out",
                tmp.resolve("m").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).contains("nope.json").doesNotContain("\n");
        assertThat(Files.exists(tmp.resolve("m"))).isFalse();
    }
}
