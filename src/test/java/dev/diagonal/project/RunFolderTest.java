package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2025-03-04T12:34:56Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void folderNameIsTimestampAndPrefixAndStaysUniqueWithinOneSecond() {
        RunFolder first = RunFolder.create(tmp, "lora", NOON);
        RunFolder second = RunFolder.create(tmp, "lora", NOON);
        RunFolder third = RunFolder.create(tmp, "lora", NOON);

        assertThat(first.id()).isEqualTo("20250304-123456-lora");
        assertThat(second.id()).isEqualTo("20250304-123456-lora-2");
        assertThat(third.id()).isEqualTo("20250304-123456-lora-3");
        assertThat(RunFolder.create(tmp, "../evil/ name", NOON).id()).isEqualTo("20250304-123456-evil-name");
        assertThat(RunFolder.create(tmp, "", NOON).id()).isEqualTo("20250304-123456-run");
        assertThat(RunFolder.create(tmp, "x").id()).matches("\\d{8}-\\d{6}-x");
    }

    @Test
    void runJsonRoundTripsWithProvenanceAndLeavesNoTempFiles() throws IOException {
        RunFolder run = RunFolder.create(tmp, "full");
        Files.createDirectories(tmp.resolve("model"));
        Files.writeString(tmp.resolve("model/config.json"), "{}");
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("lr", 1e-5);
        hyper.put("batchSize", 32);
        hyper.put("freeze", List.of("vision"));
        Provenance provenance = Provenance.capture("cpu()", Fingerprint.ofModelDir(tmp.resolve("model")), List.of(), 7);

        RunInfo info = RunInfo.create(run.id(), "full", hyper, provenance).running();
        run.writeRunJson(info);
        RunInfo ended = info.withBestMetric(new BestMetric("val/recall@1", 0.61, 900L)).ended(RunStatus.COMPLETED, "done");
        run.writeRunJson(ended);

        RunInfo read = run.readRunJson();
        assertThat(read).isEqualTo(ended);
        assertThat(read.hyperparameters().keySet()).containsExactly("lr", "batchSize", "freeze");
        assertThat(read.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(TempFiles.under(tmp)).isEmpty();
        assertThat(Files.readString(run.runJson())).contains("\"status\" : \"COMPLETED\"");
    }

    @Test
    void runJsonWithAnotherIdIsRefused() {
        RunFolder run = RunFolder.create(tmp, "a");
        assertThatThrownBy(() -> run.writeRunJson(RunInfo.create("other", "m", Map.of(), null)))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("id 'other' does not match the folder");
    }

    @Test
    void similaritySnapshotsRoundTripAndListByStep() {
        RunFolder run = RunFolder.create(tmp, "sim");
        assertThat(run.similaritySteps()).isEmpty();
        float[][] matrix = {{0.31f, -0.02f, 0.1f}, {0.05f, 0.29f, Float.MIN_VALUE}};
        SimilaritySnapshot snapshot = new SimilaritySnapshot(1000, List.of("cat.jpg", "dog.jpg"),
                List.of("a cat", "a dog", "a car"), matrix, List.of(tmp.resolve("img/cat.jpg").toString(),
                        tmp.resolve("img/dog.jpg").toString()));

        Path file = run.writeSimilarity(snapshot);
        run.writeSimilarity(new SimilaritySnapshot(20, List.of("a"), List.of("b"), new float[][] {{1f}}, null));
        run.writeSimilarity(new SimilaritySnapshot(300, List.of("a"), List.of("b"), new float[][] {{2f}}, null));

        assertThat(file).isEqualTo(run.path().resolve("similarity/step-1000.json"));
        assertThat(run.readSimilarity(1000)).isEqualTo(snapshot);
        assertThat(run.readSimilarity(20).imagePaths()).isNull();
        assertThat(run.similaritySteps()).containsExactly(20L, 300L, 1000L);
        assertThat(TempFiles.under(tmp)).isEmpty();
    }

    @Test
    void relativeImagePathsOfASnapshotResolveAgainstTheRunFolder() {
        RunFolder run = RunFolder.create(tmp, "shipped");
        run.writeSimilarity(new SimilaritySnapshot(5, List.of("a"), List.of("b"), new float[][] {{1f}},
                List.of("../images/a.png")));

        assertThat(run.readSimilarity(5).imagePaths())
                .containsExactly(run.path().getParent().resolve("images/a.png").toString());
    }

    @Test
    void snapshotWhoseMatrixDoesNotFitItsLabelsIsRejected() {
        assertThatThrownBy(() -> new SimilaritySnapshot(5, List.of("a", "b"), List.of("x"), new float[][] {{1f}, {1f, 2f}}, null))
                .isInstanceOf(DiagonalException.class).hasMessage("similarity matrix of step 5: row 1 has 2 values for 1 column labels");
    }

    @Test
    void layoutPathsAreInsideTheFolder() {
        RunFolder run = RunFolder.create(tmp, "x");
        assertThat(run.checkpointsDir()).isEqualTo(run.path().resolve("checkpoints"));
        assertThat(run.bestDir()).isEqualTo(run.path().resolve("best"));
        assertThat(run.metricsFile()).isEqualTo(run.path().resolve("metrics.jsonl"));
        assertThat(RunFolder.open(run.path()).id()).isEqualTo(run.id());
        assertThatThrownBy(() -> RunFolder.open(tmp.resolve("nope"))).hasMessageContaining("no run folder at");
    }

    @Test
    void lockIsExclusiveWithinTheProcessAndProbeSeesIt() {
        RunFolder run = RunFolder.create(tmp, "l");
        assertThat(run.lockState()).isEqualTo(RunLock.State.FREE);
        try (RunLock lock = run.lock()) {
            assertThat(run.lockState()).isEqualTo(RunLock.State.HELD);
            assertThat(run.lockState()).as("probing twice must not drop our own lock").isEqualTo(RunLock.State.HELD);
            assertThatThrownBy(run::lock).isInstanceOf(DiagonalException.class).hasMessageContaining("already in use");
        }
        assertThat(run.lockState()).isEqualTo(RunLock.State.FREE);
        assertThat(Files.exists(run.lockFile())).isTrue();
    }

    @Test
    void staleTempFilesAreRemoved() throws IOException {
        RunFolder run = RunFolder.create(tmp, "t");
        Files.createDirectories(run.checkpointsDir());
        Files.writeString(run.path().resolve(".run.json123.tmp"), "{");
        Files.writeString(run.checkpointsDir().resolve(".step-10.bin456.tmp"), "x");
        Files.writeString(run.checkpointsDir().resolve("step-10.bin"), "keep");

        assertThat(run.removeStaleTempFiles()).isEqualTo(2);
        assertThat(TempFiles.under(run.path())).isEmpty();
        assertThat(run.checkpointsDir().resolve("step-10.bin")).exists();
    }
}
