package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTrimTest {

    @Test
    void dropsWhatComesAfterTheCheckpointAndATornTail(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"step\":1,\"loss\":2.0}\n{\"type\":\"eval\",\"step\":2,\"x\":NaN}\n"
                + "{\"step\":3,\"loss\":1.0}\n{\"type\":\"note\"}\n{\"step\":4,\"lo");
        assertThat(MetricsTrim.keepUpTo(file, 2)).isEqualTo(2); // step 3 and the torn tail
        assertThat(Files.readString(file)).isEqualTo("{\"step\":1,\"loss\":2.0}\n{\"type\":\"eval\",\"step\":2,\"x\":NaN}\n"
                + "{\"type\":\"note\"}\n");
        assertThat(MetricsTrim.keepUpTo(file, 2)).isZero();
        assertThat(MetricsTrim.keepUpTo(file, -1)).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("{\"type\":\"note\"}\n");
    }
}
