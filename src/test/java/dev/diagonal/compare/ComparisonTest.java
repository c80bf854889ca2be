package dev.diagonal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.eval.Evaluation;
import dev.diagonal.eval.EvalFixtures;
import dev.diagonal.eval.LinearProbeMetrics;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.TrainFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** A whole comparison on the tiny model and tiny shape sets: files, exactness against evaluate, resuming. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComparisonTest {

    private static final List<String> CLASSES = TrainFixtures.CLASSES.subList(0, 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path model;
    static Path train;
    static Path test;
    static Path shift;
    static CompareSpec spec;
    static Comparison.Outcome first;
    static Counting firstCount;

    /** Counts cells started, skipped and done. */
    static final class Counting implements CompareListener {
        final List<Cell> started = new ArrayList<>();
        final List<Duration> etas = new ArrayList<>();
        int skipped;
        int done;

        @Override
        public void onCellStart(int index, int total, Cell cell, Duration eta) {
            started.add(cell);
            etas.add(eta);
        }

        @Override
        public void onCellSkipped(int index, int total, CellRow row) {
            skipped++;
        }

        @Override
        public void onCellDone(int index, int total, CellRow row) {
            done++;
        }

    }

    @BeforeAll
    static void compare() {
        System.setProperty("ai.djl.pytorch.num_threads", "1"); // tiny model on a shared 2-core box
        model = EvalFixtures.tinyModel(tmp.resolve("model"));
        train = TrainFixtures.shapes(tmp.resolve("train"), CLASSES, 5, 1);
        test = TrainFixtures.shapes(tmp.resolve("test"), CLASSES, 4, 2);
        shift = TrainFixtures.shapes(tmp.resolve("shift"), CLASSES, 3, 3);
        spec = spec(tmp.resolve("cmp"), List.of(Cell.ZERO_SHOT, "linear-probe", "contrastive"), 2);
        firstCount = new Counting();
        first = new Comparison(spec, firstCount, () -> false).run();
    }

    static CompareSpec spec(Path out, List<String> methods, int seeds) {
        return new CompareSpec(model, train, null, test, Map.of("moved", shift), methods, List.of(1), seeds, out, null,
                Map.of(), methods.contains("contrastive") ? Map.of("contrastive", 1) : Map.of(), "cpu", 8);
    }

    @Test
    @Order(1)
    void writesRowsSummaryCsvAndCharts() throws Exception {
        assertThat(first.cancelled()).isFalse();
        assertThat(first.ran()).isEqualTo(6);
        try (var runs = Files.list(spec.out().resolve(Comparison.RUNS))) {
            assertThat(runs.count()).isEqualTo(4); // zero-shot trains nothing
        }
        assertThat(firstCount.etas.get(0)).isNull();
        assertThat(firstCount.etas.subList(1, 6)).doesNotContainNull();
        JsonNode json = JSON.readTree(spec.out().resolve(ComparisonFiles.JSON_FILE).toFile());
        JsonNode rows = json.path("rows");
        assertThat(rows).hasSize(6);
        List<String> cells = new ArrayList<>();
        rows.forEach(r -> cells.add(r.path("method").asText() + "/" + r.path("shots").asInt() + "/" + r.path("seed").asInt()));
        assertThat(cells).containsExactly("zero-shot/0/0", "zero-shot/0/1", "linear-probe/1/0", "linear-probe/1/1",
                "contrastive/1/0", "contrastive/1/1");
        for (JsonNode row : rows) {
            assertThat(row.path("test_top1").asDouble()).isBetween(0.0, 1.0);
            assertThat(row.path("test_top5").asDouble()).isGreaterThanOrEqualTo(row.path("test_top1").asDouble());
            assertThat(row.path("shift_top1").path("moved").isNumber()).isTrue();
            boolean zero = row.path("method").asText().equals(Cell.ZERO_SHOT);
            assertThat(row.path("run").isNull()).isEqualTo(zero);
            if (zero) {
                assertThat(row.path("train_seconds").asDouble()).isZero();
            } else {
                assertThat(row.path("train_seconds").asDouble()).isPositive();
            }
            int sweep = row.path("method").asText().equals("contrastive") ? 5 : 0;
            assertThat(row.path("wise_ft")).hasSize(sweep);
            if (!zero) {
                assertThat(RunFolder.open(spec.out().resolve(row.path("run").asText())).readRunJson().status())
                        .isEqualTo(RunStatus.COMPLETED);
            }
        }
        JsonNode summary = json.path("summary");
        assertThat(summary).hasSize(3);
        for (int g = 0; g < 3; g++) {
            double a = rows.get(2 * g).path("test_top1").asDouble();
            double b = rows.get(2 * g + 1).path("test_top1").asDouble();
            JsonNode s = summary.get(g);
            assertThat(s.path("method").asText()).isEqualTo(rows.get(2 * g).path("method").asText());
            assertThat(s.path("seeds").asInt()).isEqualTo(2);
            assertThat(s.path("test_top1").path("mean").asDouble()).isCloseTo((a + b) / 2, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s.path("test_top1").path("std").asDouble()).isCloseTo(Math.abs(a - b) / Math.sqrt(2),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s.path("shift_top1").path("moved").has("std")).isTrue();
        }
        List<String> csv = Files.readAllLines(spec.out().resolve(ComparisonFiles.CSV_FILE));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).isEqualTo("method,shots,seed,test_top1,test_top5,shift_moved_top1,train_seconds,run");
        assertThat(csv.get(4)).startsWith("linear-probe,1,1," + rows.get(3).path("test_top1").asDouble() + ",");
        for (String png : List.of(ComparisonFiles.FEW_SHOT_PNG, ComparisonFiles.ID_VS_OOD_PNG)) {
            BufferedImage image = ImageIO.read(spec.out().resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(900);
        }
    }

    @Test
    @Order(2)
    void aSingleEvaluationReproducesEachRow() {
        CellRow zero = first.rows().get(0);
        Map<String, Object> base = evaluate(model, test, List.of());
        assertThat(zero.testTop1()).isEqualTo(metric(base, "zeroshot_top1"));
        assertThat(zero.testTop5()).isEqualTo(metric(base, "zeroshot_top5"));
        assertThat(zero.shiftTop1().get("moved")).isEqualTo(metric(evaluate(model, shift, List.of()), "zeroshot_top1"));

        CellRow probe = first.rows().get(3);
        LinearProbeMetrics metrics = (LinearProbeMetrics) evaluate(spec.out().resolve(probe.run()), test, List.of()).get("linear_probe");
        assertThat(probe.testTop1()).isEqualTo(metrics.top1());
        assertThat(probe.testTop5()).isEqualTo(metrics.top5());

        CellRow tuned = first.rows().get(4);
        Map<String, Object> run = evaluate(spec.out().resolve(tuned.run()), shift, List.of(0.0, 0.5, 1.0));
        assertThat(tuned.shiftTop1().get("moved")).isEqualTo(metric(run, "zeroshot_top1"));
        List<?> sweep = (List<?>) run.get("wise_ft");
        assertThat(tuned.wiseFt()).extracting(CellRow.WiseFtPoint::alpha).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        // α = 0 and α = 1 are filled from the zero-shot and the run's own scores: the sweep gives the same
        assertThat(tuned.wiseFt().get(0).shiftTop1().get("moved")).isEqualTo(metric((Map<?, ?>) sweep.get(0), "zeroshot_top1"));
        assertThat(tuned.wiseFt().get(2).shiftTop1().get("moved")).isEqualTo(metric((Map<?, ?>) sweep.get(1), "zeroshot_top1"));
        assertThat(tuned.wiseFt().get(4).shiftTop1().get("moved")).isEqualTo(metric((Map<?, ?>) sweep.get(2), "zeroshot_top1"));
        assertThat(tuned.wiseFt().get(4).testTop1()).isEqualTo(tuned.testTop1());
    }

    @Test
    @Order(3)
    void aRerunRedoesOnlyTheCellWhoseRowIsGone() throws Exception {
        Cell redo = new Cell("linear-probe", 1, 1);
        Files.delete(Comparison.rowFile(spec.out(), redo));
        Map<String, String> before = runIds();
        Counting count = new Counting();
        Comparison.Outcome again = new Comparison(spec, count, () -> false).run();
        assertThat(count.started).containsExactly(redo);
        Map<String, String> after = runIds();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((cell, created) -> {
            if (cell.equals(redo.name())) {
                assertThat(created).as(cell).isNotEqualTo(before.get(cell)); // a new run
            } else {
                assertThat(created).as(cell).isEqualTo(before.get(cell)); // untouched
            }
        });
        assertThat(count.skipped).isEqualTo(5);
        assertThat(again.ran()).isEqualTo(1);
        assertThat(again.rows()).hasSize(6);
        assertThat(again.rows().get(3)).isEqualTo(first.rows().get(3).withTrainSeconds(again.rows().get(3).trainSeconds()));
        assertThat(again.rows().get(4)).isEqualTo(first.rows().get(4)); // read back exactly
    }

    @Test
    @Order(4)
    void aCancelledComparisonKeepsFinishedCellsAndARerunCompletesIt() {
        CompareSpec small = spec(tmp.resolve("cancel"), List.of(Cell.ZERO_SHOT, "linear-probe"), 1);
        Counting count = new Counting();
        Comparison.Outcome stopped = new Comparison(small, count, () -> count.done >= 1).run();
        assertThat(stopped.cancelled()).isTrue();
        assertThat(stopped.rows()).hasSize(1);
        assertThat(small.out().resolve(ComparisonFiles.JSON_FILE)).exists();
        Counting rest = new Counting();
        Comparison.Outcome finished = new Comparison(small, rest, () -> false).run();
        assertThat(finished.cancelled()).isFalse();
        assertThat(rest.started).containsExactly(new Cell("linear-probe", 1, 0));
        assertThat(finished.rows()).hasSize(2);
    }

    @Test
    void badInputNamesTheFlag() {
        assertThatThrownBy(() -> spec(tmp.resolve("x"), List.of("zero-shot", "prompt-tuning"), 1))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--methods").hasMessageContaining("prompt-tuning");
        assertThatThrownBy(() -> new CompareSpec(model, train, null, test, Map.of(), List.of("lora"), List.of(0), 1,
                tmp.resolve("x"), null, Map.of(), Map.of(), "cpu", 8))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--shots").hasMessageContaining("0");
        assertThatThrownBy(() -> new CompareSpec(model, train, null, test, Map.of("gone", tmp.resolve("nothing")),
                List.of("lora"), List.of(1), 1, tmp.resolve("x"), null, Map.of(), Map.of(), "cpu", 8))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--shift gone").hasMessageContaining("nothing");
        assertThatThrownBy(() -> new CompareSpec(model, tmp.resolve("no-train"), null, test, Map.of(), List.of("lora"),
                List.of(1), 1, tmp.resolve("x"), null, Map.of(), Map.of(), "cpu", 8))
                .isInstanceOf(DiagonalException.class).hasMessageContaining("--train");
    }

    /** Each cell's run folder with the content of its run.json's creation time, to tell a new run from an old one. */
    private static Map<String, String> runIds() throws Exception {
        Map<String, String> ids = new java.util.TreeMap<>();
        try (var runs = Files.list(spec.out().resolve(Comparison.RUNS))) {
            for (Path dir : runs.toList()) {
                ids.put(dir.getFileName().toString(), JSON.readTree(dir.resolve(RunFolder.RUN_JSON).toFile()).path("startedAt").asText()
                        + "@" + Files.getLastModifiedTime(dir.resolve(RunFolder.RUN_JSON)).toMillis());
            }
        }
        return ids;
    }

    private static Map<String, Object> evaluate(Path modelOrRun, Path data, List<Double> alphas) {
        return Evaluation.run(new Evaluation.Request(modelOrRun, data, null, "cpu", 8, false, alphas),
                (done, total) -> { }, note -> { }, () -> false);
    }

    private static Double metric(Map<?, ?> result, String name) {
        return (Double) ((Map<?, ?>) result.get("metrics")).get(name);
    }
}
