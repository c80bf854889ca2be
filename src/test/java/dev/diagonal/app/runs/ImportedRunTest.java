package dev.diagonal.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.Fixtures;
import dev.diagonal.app.common.TestSessions;
import dev.diagonal.handoff.ImportRun;
import dev.diagonal.project.Project;
import dev.diagonal.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run imported from a hand-off job is listed by the Runs screen with its curves, like any run. */
class ImportedRunTest {

    @TempDir
    Path tmp;

    @Test
    void importedRunShowsWithLossLearningRateAndValidationCurves() throws Exception {
        Path output = tmp.resolve("job/output");
        copyAll(Fixtures.path("handoff/output"), output);
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), output.resolve("final"));
        Project project = Project.create(tmp.resolve("p"), "p");
        ImportRun.Imported imported = ImportRun.from(output, project.runsPath().resolve("20260101-000000-imported"));
        TrainingConfig.fromJson(imported.run().readRunJson().hyperparameters(), "run.json"); // the Fine-tune screen's reading

        TestSessions t = new TestSessions(tmp);
        t.session.setProject(project);
        RunsViewModel model = new RunsViewModel(t.session, p -> { }, p -> { });

        assertThat(model.runs()).extracting(RunRow::method).containsExactly("contrastive");
        assertThat(model.runs().get(0).status()).startsWith("completed").contains("imported: accelerate 1.15.0", "2 processes");
        assertThat(model.metrics()).contains("loss", "lr", "val_loss").doesNotContain("runtime", "samples_per_second");
        model.metricProperty().set("val_loss");
        assertThat(model.curves()).hasSize(1);
        assertThat(model.curves().get(0).size()).isEqualTo(5);
    }

    private static void copyAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
    }
}
