package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.EvaluationEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the console prints for evaluation events. */
class TrainingConsoleTest {

    @Test
    void embeddingProgressPrintsAtEachQuarterAndTheRestAlways() {
        StringWriter out = new StringWriter();
        TrainingConsole console = new TrainingConsole(new PrintWriter(out), new PrintWriter(new StringWriter()), 10, false, false);

        for (int done = 10; done <= 100; done += 10) {
            console.onEvaluation(new EvaluationEvent(0, Map.of("embed_train_done", (double) done, "embed_train_total", 100.0),
                    Map.of()));
        }
        console.onEvaluation(new EvaluationEvent(0, Map.of("embed_train_done", 50.0, "embed_train_total", 500.0), Map.of()));
        console.onEvaluation(new EvaluationEvent(3, Map.of("probe_val_top1", 0.5), Map.of()));

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(5); // 30, 50, 80, 100 of 100 (25, 50, 75, 100 % passed); not 50 of a new 500
        assertThat(lines[3]).contains("embed_train_done 100");
        assertThat(lines[4]).contains("probe_val_top1");
    }
}
