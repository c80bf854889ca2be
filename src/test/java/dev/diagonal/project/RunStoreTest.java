package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path tmp;

    private RunFolder run(String prefix, String startedAt, RunStatus status, String endedAt, Long pid) {
        Instant start = Instant.parse(startedAt);
        RunFolder run = RunFolder.create(tmp, prefix, Clock.fixed(start, ZoneOffset.UTC));
        run.writeRunJson(new RunInfo(run.id(), prefix, status, Map.of("lr", 0.001, "batchSize", 64, "note", "x"),
                null, start, endedAt == null ? null : Instant.parse(endedAt),
                new BestMetric("val/recall@1", 0.5, 10L), null, pid));
        return run;
    }

    /** The pid of a process that has certainly exited. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @Test
    void listsSummariesNewestFirstWithDurationsAndKeyHyperparameters() throws Exception {
        run("full", "2025-01-01T10:00:00Z", RunStatus.COMPLETED, "2025-01-01T10:30:00Z", 1L);
        run("lora", "2025-01-02T10:00:00Z", RunStatus.FAILED, "2025-01-02T10:00:05Z", 1L);
        Files.createDirectories(tmp.resolve("not-a-run"));

        RunStore store = new RunStore(tmp);
        assertThat(store.list()).extracting(RunSummary::method).containsExactly("lora", "full");
        RunSummary full = store.list().get(1);
        assertThat(full.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(full.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(full.bestMetric().value()).isEqualTo(0.5);
        assertThat(full.keyHyperparameters()).containsOnlyKeys("lr", "batchSize");
        assertThat(store.latest().orElseThrow().method()).isEqualTo("lora");
        assertThat(new RunStore(tmp.resolve("missing")).list()).isEmpty();
        assertThat(new RunStore(tmp.resolve("missing")).latest()).isEmpty();
    }

    @Test
    void runningRunWithStaleLockFileAndDeadPidIsInterrupted() throws Exception {
        RunFolder run = run("crashed", "2025-01-01T10:00:00Z", RunStatus.RUNNING, null, deadPid());
        Files.createFile(run.lockFile());
        try (MetricsLog log = run.openMetrics()) {
            log.append(Map.of("step", 1, "loss", 1.0));
        }

        RunSummary summary = new RunStore(tmp).find(run.id()).orElseThrow();

        assertThat(summary.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(summary.duration()).as("until the last write").isGreaterThan(Duration.ofDays(1));
        assertThat(run.readRunJson().status()).as("the file is not rewritten").isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void runningRunWhoseLockIsHeldInThisProcessIsLive() {
        RunFolder run = run("live", "2025-01-01T10:00:00Z", RunStatus.RUNNING, null, ProcessHandle.current().pid());
        RunStore store = new RunStore(tmp);
        try (RunLock lock = run.lock()) {
            assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(store.find(run.id()).orElseThrow().isLive()).isTrue();
            assertThatThrownBy(() -> store.delete(run.id())).isInstanceOf(DiagonalException.class)
                    .hasMessage("run " + run.id() + " is running; stop it before deleting it");
            assertThat(run.path()).exists();
        }
        assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void aRunThatEndsWhileItIsBeingSummarisedIsNeverTakenForInterrupted() throws Exception {
        RunStore store = new RunStore(tmp);
        for (int i = 0; i < 60; i++) {
            RunFolder run = run("ending" + i, "2025-01-01T10:00:00Z", RunStatus.RUNNING, null, ProcessHandle.current().pid());
            RunLock lock = run.lock();
            Thread trainer = new Thread(() -> { // as a trainer ends: final run.json first, then the lock
                run.writeRunJson(run.readRunJson().ended(RunStatus.COMPLETED, null));
                lock.close();
            });
            trainer.start();
            RunStatus status;
            do {
                status = store.find(run.id()).orElseThrow().status();
            } while (status == RunStatus.RUNNING);
            trainer.join();
            assertThat(status).as("run %d", i).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void runOwnedByAnotherProcessIsLiveUntilThatProcessIsKilled() throws Exception {
        RunFolder run = RunFolder.create(tmp, "child");
        RunStore store = new RunStore(tmp);
        try (ChildProcess child = ChildProcess.start("hold", run.path())) {
            assertThat(run.readRunJson().pid()).isEqualTo(child.pid());
            assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(store.find(run.id()).orElseThrow().status()).as("a probe does not steal the lock")
                    .isEqualTo(RunStatus.RUNNING);
            assertThatThrownBy(run::lock).hasMessageContaining("in use by another process");
            assertThatThrownBy(() -> store.delete(run.id())).hasMessageContaining("is running");

            child.killHard();

            assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
            store.delete(run.id());
            assertThat(run.path()).doesNotExist();
        }
    }

    @Test
    void deleteRemovesTheWholeTreeAndRefusesWhatIsNotARun() throws IOException {
        RunFolder run = run("old", "2025-01-01T10:00:00Z", RunStatus.COMPLETED, "2025-01-01T11:00:00Z", 1L);
        Files.createDirectories(run.checkpointsDir().resolve("step-100"));
        Files.writeString(run.checkpointsDir().resolve("step-100/weights.safetensors"), "w");
        Files.createDirectories(tmp.resolve("keep-me"));
        RunStore store = new RunStore(tmp);

        store.delete(run.id());

        assertThat(run.path()).doesNotExist();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.delete("keep-me")).hasMessageContaining("no run 'keep-me'");
        assertThatThrownBy(() -> store.delete("..")).hasMessage("not a run id: '..'");
        assertThatThrownBy(() -> store.delete("a/b")).hasMessage("not a run id: 'a/b'");
        assertThat(tmp.resolve("keep-me")).exists();
    }

    @Test
    void unreadableRunJsonIsListedAsFailedWithTheProblem() throws IOException {
        RunFolder run = RunFolder.create(tmp, "broken");
        Files.writeString(run.runJson(), "{\"id\": ");

        RunSummary summary = new RunStore(tmp).list().get(0);

        assertThat(summary.readable()).isFalse();
        assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
        assertThat(summary.message()).startsWith(run.runJson().toString()).contains("line 1");
    }
}
