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
    void theHiddenUiBenchmarkTakesAReportFileADatasetAndEpochs() {
        WorkbenchOptions options = WorkbenchOptions.parse("--bench-ui", "b.json", "--bench-dataset", "twitter", "--bench-epochs", "3");
        assertThat(options.bench()).isEqualTo(new WorkbenchOptions.Bench(Path.of("b.json"), "twitter", 3));
        assertThat(WorkbenchOptions.parse(options.toArgs())).isEqualTo(options);
        assertThat(WorkbenchOptions.parse("--bench-ui", "b.json").bench()).isEqualTo(new WorkbenchOptions.Bench(Path.of("b.json"), null, 1));
        WorkbenchOptions probe = WorkbenchOptions.parse("--bench-ui", "b.json", "--bench-probe", "64");
        assertThat(probe.bench().probeSize()).isEqualTo(64);
        assertThat(WorkbenchOptions.parse(probe.toArgs()).bench()).isEqualTo(probe.bench());
        assertThatThrownBy(() -> WorkbenchOptions.parse("--bench-epochs", "2")).hasMessage("--bench-dataset, --bench-epochs and --bench-probe go with --bench-ui");
        assertThatThrownBy(() -> WorkbenchOptions.parse("--bench-ui", "b.json", "--bench-epochs", "0"))
                .hasMessage("--bench-epochs must be a whole number of at least 1, not \"0\"");
        assertThatThrownBy(() -> WorkbenchOptions.parse("--bench-ui", "b.json", "--snapshot", "x.png"))
                .hasMessage("--bench-ui and --snapshot cannot be combined");
    }

    @Test
    void theHiddenHeatmapViewIsCheckedAndWrittenBack() {
        WorkbenchOptions options = WorkbenchOptions.parse("--snapshot", "x.png", "--heatmap", "difference,sort=margin");
        assertThat(options.heatmap()).isEqualTo("difference,sort=margin");
        assertThat(WorkbenchOptions.parse(options.toArgs())).isEqualTo(options);
        assertThatThrownBy(() -> WorkbenchOptions.parse("--heatmap", "upside-down")).isInstanceOf(DiagonalException.class);
    }

    @Test
    void badOptionsNameTheProblem() {
        assertThatThrownBy(() -> WorkbenchOptions.parse("--screen", "train")).isInstanceOf(DiagonalException.class)
                .hasMessage("--screen must be one of project, model, dataset, zeroshot, finetune, runs, export, compare, not \"train\"");
        assertThatThrownBy(() -> WorkbenchOptions.parse("--snapshot")).hasMessage("--snapshot needs a value");
        assertThatThrownBy(() -> WorkbenchOptions.parse("--verbose")).hasMessage("unknown workbench option: --verbose");
    }
}
