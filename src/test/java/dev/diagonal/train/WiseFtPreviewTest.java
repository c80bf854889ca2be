package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import dev.diagonal.project.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs the workbench's WiSE-FT preview takes, and what it says of the others (the scoring: FinetuneViewModelTest). */
class WiseFtPreviewTest {

    @TempDir
    Path tmp;

    private RunFolder run(String method, RunStatus status) {
        RunFolder run = RunFolder.create(tmp, method);
        run.writeRunJson(new RunInfo(run.id(), method, status, Map.of("model", tmp.resolve("gone").toString(),
                "train", tmp.resolve("train.csv").toString()), null, Instant.now(), null, null, null, 1L));
        return run;
    }

    @Test
    void onlyCompletedContrastiveAndLoraRunsAreInterpolated() throws Exception {
        assertThat(WiseFtPreview.applies(run("contrastive", RunStatus.COMPLETED).readRunJson())).isTrue();
        Thread.sleep(1100); // run folders are named to the second
        assertThat(WiseFtPreview.applies(run("lora", RunStatus.COMPLETED).readRunJson())).isTrue();
        Thread.sleep(1100);
        RunFolder probe = run("linear-probe", RunStatus.COMPLETED);
        assertThat(WiseFtPreview.applies(probe.readRunJson())).isFalse();
        assertThatThrownBy(() -> WiseFtPreview.open(probe)).isInstanceOf(DiagonalException.class)
                .hasMessage("WiSE-FT needs a completed contrastive or LoRA run; run " + probe.id()
                        + " is a completed linear-probe run");
        Thread.sleep(1100);
        RunFolder stopped = run("contrastive", RunStatus.CANCELLED);
        assertThat(WiseFtPreview.applies(stopped.readRunJson())).isFalse();
    }

    @Test
    void aRunWithoutBestWeightsIsNamed() {
        RunFolder run = run("contrastive", RunStatus.COMPLETED);
        assertThatThrownBy(() -> WiseFtPreview.open(run)).isInstanceOf(DiagonalException.class)
                .hasMessage("run " + run.id() + " has no best/ folder to interpolate");
    }
}
