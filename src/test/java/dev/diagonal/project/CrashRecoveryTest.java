package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process that writes a run as fast as it can, then checks every file and resumes. */
class CrashRecoveryTest {

    @TempDir
    Path tmp;

    @RepeatedTest(3)
    void everyFileIsValidAfterKillNineAndTheRunResumes() throws Exception {
        RunFolder run = RunFolder.create(tmp, "victim");
        try (ChildProcess child = ChildProcess.start("churn", run.path())) {
            Thread.sleep(150);
            child.killHard();
        }

        RunStore store = new RunStore(tmp);
        assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        RunInfo info = run.readRunJson();
        assertThat(info.bestMetric()).isNotNull();
        for (long step : run.similaritySteps()) {
            assertThat(run.readSimilarity(step).step()).isEqualTo(step);
        }
        List<Map<String, Object>> before = run.readMetrics();
        assertThat(before.size()).isGreaterThan(200);

        try (RunLock lock = run.lock(); MetricsLog log = run.openMetrics()) {
            run.removeStaleTempFiles();
            run.writeRunJson(info.running());
            log.append(Map.of("step", before.size(), MetricsLog.LOSS, 0.0));
        }

        assertThat(TempFiles.under(run.path())).isEmpty();
        ObjectMapper strict = new ObjectMapper();
        List<String> lines = Files.readString(run.metricsFile()).lines().toList();
        for (String line : lines) {
            strict.readTree(line);
        }
        assertThat(lines).hasSize(before.size() + 1);
    }
}
