package dev.diagonal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.Fixtures;
import dev.diagonal.project.BestMetric;
import dev.diagonal.project.Fingerprint;
import dev.diagonal.project.Provenance;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {

    @TempDir
    Path tmp;

    private Path base;

    @BeforeEach
    void setUp() {
        base = EvalFixtures.tinyModel(tmp.resolve("base"));
    }

    /** A run folder of {@code method} whose run.json names the base model as the trainer does. */
    static RunFolder run(Path dir, String method, Path base, boolean hyperparameter) throws IOException {
        Files.createDirectories(dir);
        RunFolder run = RunFolder.open(dir);
        Map<String, Object> hyper = hyperparameter ? Map.of("model", base.toString()) : Map.of();
        run.writeRunJson(RunInfo.create(run.id(), method, hyper,
                Provenance.capture("cpu()", Fingerprint.ofModelDir(base), List.of(), 1)));
        return run;
    }

    /** Weights and config only, as in a trainer checkpoint. */
    static Path checkpoint(Path dir) {
        EvalFixtures.copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), dir);
        return dir;
    }

    @Test
    void aModelFolderIsTakenAsItIs() {
        ModelSource source = ModelSource.resolve(base);
        assertThat(source.weights()).isEqualTo(base.toAbsolutePath());
        assertThat(source.isSingleFolder()).isTrue();
        assertThat(source.run()).isNull();
    }

    @Test
    void aRunGivesBestBeforeTheLatestCheckpoint() throws IOException {
        RunFolder run = run(tmp.resolve("run"), "contrastive", base, true);
        checkpoint(run.checkpointsDir().resolve("step-2"));
        checkpoint(run.checkpointsDir().resolve("step-10"));
        Files.createDirectories(run.checkpointsDir().resolve("step-99")); // incomplete: no model in it

        ModelSource latest = ModelSource.resolve(run.path());
        assertThat(latest.weights()).isEqualTo(run.checkpointsDir().resolve("step-10"));
        assertThat(latest.assets()).isEqualTo(base.toAbsolutePath());
        assertThat(latest.description()).contains("checkpoints/step-10");

        EvalFixtures.tinyModel(run.bestDir());
        ModelSource best = ModelSource.resolve(run.path());
        assertThat(best.weights()).isEqualTo(run.bestDir());
        assertThat(best.isSingleFolder()).isTrue();
        assertThat(best.description()).endsWith(", best/");

        run.writeRunJson(run.readRunJson().withBestMetric(new BestMetric("recall_at_1", 0.4, 8L)));
        assertThat(ModelSource.resolve(run.path()).description()).endsWith(", best/ (step 8)");
        run.writeRunJson(run.readRunJson().withBestMetric(new BestMetric("recall_at_1", 0.1, 0L)));
        assertThat(ModelSource.resolve(run.path()).description()).contains("best/ (step 0: the model training started from");
    }

    @Test
    void theBaseModelIsFoundThroughTheProvenanceToo() throws IOException {
        RunFolder run = run(tmp.resolve("run"), "contrastive", base, false);
        checkpoint(run.checkpointsDir().resolve("step-1"));
        assertThat(ModelSource.resolve(run.path()).assets()).isEqualTo(base.toAbsolutePath().normalize());
    }

    @Test
    void aLinearProbeRunUsesItsBaseModel() throws IOException {
        RunFolder run = run(tmp.resolve("probe"), LinearProbeResultFile.METHOD, base, true);
        ModelSource source = ModelSource.resolve(run.path());
        assertThat(source.weights()).isEqualTo(base.toAbsolutePath());
        assertThat(source.run()).isEqualTo(run.path());
    }

    @Test
    void theViewOfASplitSourceLinksEverythingAndGoesAway() throws IOException {
        RunFolder run = run(tmp.resolve("run"), "contrastive", base, true);
        checkpoint(run.checkpointsDir().resolve("step-3"));
        Path folder;
        try (ModelView view = ModelView.of(ModelSource.resolve(run.path()))) {
            folder = view.folder();
            try (var files = Files.list(folder)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
                        "model.safetensors", "tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json",
                        "preprocessor_config.json");
            }
            assertThat(Files.readAllBytes(folder.resolve("model.safetensors")))
                    .isEqualTo(Files.readAllBytes(run.checkpointsDir().resolve("step-3/model.safetensors")));
        }
        assertThat(folder).doesNotExist();
        assertThat(run.checkpointsDir().resolve("step-3/model.safetensors")).exists();
    }

    @Test
    void unusableFoldersAreNamed() throws IOException {
        assertThatThrownBy(() -> ModelSource.resolve(tmp.resolve("nowhere")))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("nowhere");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ModelSource.resolve(empty))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("empty").hasMessageContaining("run.json");
        RunFolder fresh = run(tmp.resolve("fresh"), "contrastive", base, true);
        assertThatThrownBy(() -> ModelSource.resolve(fresh.path()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("fresh").hasMessageContaining("no best/");
        Path gone = EvalFixtures.tinyModel(tmp.resolve("gone"));
        RunFolder orphan = run(tmp.resolve("orphan"), "contrastive", gone, true);
        checkpoint(orphan.checkpointsDir().resolve("step-1"));
        EvalFixtures.deleteTree(gone);
        assertThatThrownBy(() -> ModelSource.resolve(orphan.path()))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("step-1").hasMessageContaining("gone");
    }
}
