package dev.diagonal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkbenchOptionsTest {

    @Test
    void parsesAndWritesBackTheThreeOptions() {
        WorkbenchOptions options = WorkbenchOptions.parse("--project", "p", "--snapshot", "x.png", "--screen", "Zero-Shot");
        assertThat(options).isEqualTo(new WorkbenchOptions(Path.of("p"), Path.of("x.png"), Screen.ZEROSHOT));
        assertThat(WorkbenchOptions.parse(options.toArgs())).isEqualTo(options);
        assertThat(WorkbenchOptions.parse()).isEqualTo(new WorkbenchOptions(null, null, null));
    }

    @Test
    void badOptionsNameTheProblem() {
        assertThatThrownBy(() -> WorkbenchOptions.parse("--screen", "train")).isInstanceOf(DiagonalException.class)
                .hasMessage("--screen must be one of project, model, dataset, zeroshot, finetune, runs, export, not \"train\"");
        assertThatThrownBy(() -> WorkbenchOptions.parse("--snapshot")).hasMessage("--snapshot needs a value");
        assertThatThrownBy(() -> WorkbenchOptions.parse("--verbose")).hasMessage("unknown workbench option: --verbose");
    }
}
