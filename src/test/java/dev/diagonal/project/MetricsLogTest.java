package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path tmp;

    private static Map<String, Object> step(int step, double loss) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put(MetricsLog.LOSS, loss);
        return record;
    }

    /** Parses every line with a plain, strict Jackson mapper: the file must be valid JSON lines. */
    private static List<String> assertStrictJsonl(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(text).endsWith("\n");
        List<String> lines = text.lines().toList();
        ObjectMapper strict = new ObjectMapper();
        for (String line : lines) {
            assertThat(strict.readTree(line).isObject()).as(line).isTrue();
        }
        return lines;
    }

    @Test
    void appendedRecordsReadBackInOrderOneLineEach() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            for (int i = 0; i < 100; i++) {
                log.append(step(i, 1.0 / (i + 1)));
            }
            log.append(Map.of("step", 100, "val/recall@1", 0.5, "split", "val"));
        }

        List<Map<String, Object>> records = MetricsReader.readAll(file);
        assertThat(records).hasSize(101);
        assertThat(records.get(7)).containsExactly(Map.entry("step", 7), Map.entry("loss", 0.125));
        assertThat(records.get(100)).containsEntry("val/recall@1", 0.5).containsEntry("split", "val");
        assertThat(assertStrictJsonl(file)).hasSize(101);
    }

    @Test
    void tornLastLineIsCutOffOnReopenAndAppendingContinuesCleanly() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(step(1, 2.0));
            log.append(step(2, 1.5));
        }
        String partial = "{\"step\":3,\"loss\":1.2";
        Files.writeString(file, partial, StandardOpenOption.APPEND);

        assertThat(MetricsReader.readAll(file)).as("reader tolerates the torn line").hasSize(2);
        assertThat(Files.readString(file)).as("reading does not modify").endsWith(partial);

        try (MetricsLog log = MetricsLog.open(file)) {
            assertThat(log.repairedBytes()).isEqualTo(partial.length());
            log.append(step(3, 1.2));
        }

        List<String> lines = assertStrictJsonl(file);
        assertThat(lines).containsExactly("{\"step\":1,\"loss\":2.0}", "{\"step\":2,\"loss\":1.5}", "{\"step\":3,\"loss\":1.2}");
    }

    @Test
    void completeButInvalidLastLinesAndZeroFilledTailAreDropped() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        String good = "{\"step\":1,\"loss\":2.0}\n";
        byte[] zeros = new byte[37];
        Files.writeString(file, good + "{\"step\":2,\"lo\n" + "[1,2]\n");
        Files.write(file, zeros, StandardOpenOption.APPEND);

        try (MetricsLog log = MetricsLog.open(file)) {
            assertThat(log.repairedBytes()).isEqualTo("{\"step\":2,\"lo\n[1,2]\n".length() + zeros.length);
            log.append(step(2, 1.0));
        }
        assertThat(assertStrictJsonl(file)).hasSize(2);
    }

    @Test
    void cleanFileIsLeftAloneAndEmptyOrMissingFilesWork() throws IOException {
        Path file = tmp.resolve("m.jsonl");
        assertThat(MetricsReader.readAll(file)).isEmpty();
        try (MetricsLog log = MetricsLog.open(file)) {
            assertThat(log.repairedBytes()).isZero();
        }
        assertThat(Files.size(file)).isZero();
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(step(1, 1));
        }
        byte[] before = Files.readAllBytes(file);
        try (MetricsLog log = MetricsLog.open(file)) {
            assertThat(log.repairedBytes()).isZero();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void corruptLineInTheMiddleIsReportedNotSkipped() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        Files.writeString(file, "{\"step\":1}\n{oops\n{\"step\":3}\n");
        assertThatThrownBy(() -> MetricsReader.readAll(file)).isInstanceOf(DiagonalException.class)
                .hasMessage(file + ": line at byte 11 is not a JSON object");
    }

    @Test
    void divergedLossNaNAndInfinityRoundTrip() {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file)) {
            log.append(step(1, Double.NaN));
            log.append(step(2, Double.POSITIVE_INFINITY));
        }
        List<Map<String, Object>> records = MetricsReader.readAll(file);
        assertThat((Double) records.get(0).get("loss")).isNaN();
        assertThat((Double) records.get(1).get("loss")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void readFromFollowsALiveLogIncrementally() throws IOException {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(file, Duration.ofSeconds(10))) {
            log.append(step(1, 1));
            MetricsReader.Chunk first = MetricsReader.readFrom(file, 0);
            assertThat(first.records()).hasSize(1);
            assertThat(first.nextOffset()).isEqualTo(Files.size(file));

            log.append(step(2, 2));
            log.append(step(3, 3));
            Files.writeString(file, "{\"step\":4", StandardOpenOption.APPEND); // a write in progress
            MetricsReader.Chunk second = MetricsReader.readFrom(file, first.nextOffset());
            assertThat(second.records()).extracting(r -> r.get("step")).containsExactly(2, 3);
            assertThat(MetricsReader.readFrom(file, second.nextOffset()).records()).isEmpty();
        }
    }

    @Test
    void concurrentAppendersNeverInterleaveLines() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        String padding = "x".repeat(5000);
        try (MetricsLog log = MetricsLog.open(file, Duration.ofMillis(50))) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        log.append(Map.of("thread", thread, "i", i, "pad", padding));
                    }
                });
                writer.start();
                threads.add(writer);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertThat(assertStrictJsonl(file)).hasSize(1000);
        assertThat(Files.readString(file, StandardCharsets.UTF_8).length()).isGreaterThan(1000 * 5000);
    }
}
