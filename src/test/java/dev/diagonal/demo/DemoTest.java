package dev.diagonal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import dev.diagonal.train.TrainFixtures;
import dev.diagonal.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo story end to end on a small slice of the emoji project with a tiny model: files, numbers, determinism. */
class DemoTest {

    @TempDir
    static Path tmp;
    static Path project;
    static Path model;

    /** Four subcategories of the shipped sample: 6 Twitter drawings each for adaptation, 2 held out, and their Google ones. */
    @BeforeAll
    static void material() throws IOException {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        model = TrainFixtures.tinyModel(tmp.resolve("model"));
        Path sample = Path.of("sample-projects/emoji-styles");
        List<String> rows = Files.readAllLines(sample.resolve("twitter.csv"));
        List<String> google = Files.readAllLines(sample.resolve("google.csv"));
        project = Files.createDirectories(tmp.resolve("project"));
        List<String> heldout = new ArrayList<>(List.of(rows.get(0)));
        List<String> adapt = new ArrayList<>(List.of(rows.get(0)));
        List<String> googleRows = new ArrayList<>(List.of(google.get(0)));
        Map<String, List<Integer>> byLabel = new java.util.TreeMap<>();
        for (int row = 1; row < rows.size(); row++) {
            byLabel.computeIfAbsent(label(rows.get(row)), k -> new ArrayList<>()).add(row);
        }
        byLabel.values().stream().filter(r -> r.size() >= 8).limit(4).forEach(picked -> {
            for (int k = 0; k < 8; k++) {
                int row = picked.get(k);
                (k < 6 ? adapt : heldout).add(absolute(sample, rows.get(row)));
                googleRows.add(absolute(sample, google.get(row)));
            }
        });
        Files.write(project.resolve("twitter-heldout.csv"), heldout);
        Files.write(project.resolve("twitter-adapt.csv"), adapt);
        Files.write(project.resolve("google.csv"), googleRows);
        Files.writeString(project.resolve("templates.txt"), "an emoji of {}.\n{}\n");
        Files.writeString(project.resolve("diagonal-project.json"), """
                {"name": "slice", "model": "../model", "templates": "templates.txt", "datasets": [
                  {"name": "twitter-adapt", "path": "twitter-adapt.csv", "role": "train"},
                  {"name": "twitter-heldout", "path": "twitter-heldout.csv", "role": "test"},
                  {"name": "google", "path": "google.csv", "role": "eval"}]}
                """);
    }

    /** The label column of a sample row ({@code filepath,caption,label,category}; names hold no commas here). */
    private static String label(String row) {
        return row.split(",")[2];
    }

    /** The row with its image path made absolute (the slice lives elsewhere). */
    private static String absolute(Path sample, String row) {
        int comma = row.indexOf(',');
        return sample.resolve(row.substring(0, comma)).toAbsolutePath() + row.substring(comma);
    }

    private static Map<String, Object> demo(Path out) {
        return Demo.run(new Demo.Request(project, model, out, 3, "2", 8, "1e-3", false, "none", "none", "cpu", 4),
                line -> {}, TrainingListener.NONE, () -> false);
    }

    @Test
    void writesTheReportWithEveryMethodAndRepeatsItsNumbers() throws IOException {
        Path out = tmp.resolve("report");
        Map<String, Object> returned = demo(out);
        for (String file : DemoReport.FILES) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        BufferedImage heatmap = ImageIO.read(out.resolve("heatmap-after.png").toFile());
        assertThat(heatmap.getWidth()).isGreaterThan(300);
        assertThat(ImageIO.read(out.resolve("curves.png").toFile()).getHeight()).isEqualTo(700);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/sets/twitter-heldout").asInt()).isEqualTo(8);
        assertThat(summary.at("/sets/twitter-adapt").asInt()).isEqualTo(24);
        assertThat(summary.at("/subcategories").asInt()).isEqualTo(4);
        List<String> methods = new ArrayList<>();
        summary.get("methods").forEach(row -> methods.add(row.get("method").asText()));
        assertThat(methods).containsExactly("zero-shot", "linear-probe", "tip-adapter-f", "lora", "lora + WiSE-FT 0.5",
                "contrastive", "contrastive + WiSE-FT 0.5");
        summary.get("methods").forEach(row -> {
            assertThat(row.get("heldout_top1").asDouble()).isBetween(0.0, 1.0);
            assertThat(row.get("google_top1").asDouble()).isBetween(0.0, 1.0);
        });
        assertThat(Files.readAllLines(out.resolve("methods.csv"))).hasSize(1 + methods.size());
        for (String method : List.of("linear-probe", "tip-adapter-f", "lora", "contrastive")) {
            assertThat(out.resolve("runs").resolve(method).resolve("run.json")).isRegularFile();
        }
        assertThat(Files.readAllLines(out.resolve("adaptation-labels.csv"))).hasSize(1 + 24).first().isEqualTo("filepath,label");
        // 24 images less a validation split of 2, batch 8: 2 steps per epoch, 2 epochs
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(1 + 2 * 2);
        assertThat(summary.at("/probe/classes")).hasSize(4);
        assertThat(summary.at("/finetune/config/lr").asDouble()).isEqualTo(1e-3); // the run's settings, from run.json
        assertThat(summary.at("/finetune/config/epochs").asInt()).isEqualTo(2);
        assertThat(summary.at("/finetune/config/model").asText()).isNotEmpty();
        assertThat(summary.at("/probe_margin_after").asDouble()).isCloseTo(summary.at("/probe/diagonal_after").asDouble()
                - summary.at("/probe/off_diagonal_after").asDouble(), within(1e-9));
        assertThat(Demo.headline(returned)).startsWith("best on held-out Twitter subcategories: ");

        // the zero-shot row is evaluate on the base model; the contrastive row evaluate on its run
        assertThat(summary.at("/methods/0/heldout_top1").asDouble()).isEqualTo(
                evaluate(model, project.resolve("twitter-heldout.csv")));
        assertThat(summary.at("/methods/5/heldout_top1").asDouble()).isEqualTo(
                evaluate(out.resolve("runs/contrastive"), project.resolve("twitter-heldout.csv")));

        demo(out); // the same seed again, over the earlier report
        JsonNode again = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(again.get("before")).isEqualTo(summary.get("before"));
        assertThat(again.get("after")).isEqualTo(summary.get("after"));
        assertThat(again.get("probe")).isEqualTo(summary.get("probe"));
        for (int i = 0; i < methods.size(); i++) {
            assertThat(again.at("/methods/" + i + "/heldout_top1")).isEqualTo(summary.at("/methods/" + i + "/heldout_top1"));
            assertThat(again.at("/methods/" + i + "/google_top1")).isEqualTo(summary.at("/methods/" + i + "/google_top1"));
        }
    }

    private static double evaluate(Path model, Path data) {
        Map<String, Object> result = dev.diagonal.eval.Evaluation.run(new dev.diagonal.eval.Evaluation.Request(model, data,
                project.resolve("templates.txt"), "cpu", 8), (done, total) -> { }, note -> { }, () -> false);
        return ((Number) ((Map<?, ?>) result.get("metrics")).get(dev.diagonal.eval.MetricNames.ZEROSHOT_TOP1)).doubleValue();
    }

    @Test
    void replacesAReportThatWasCutShort() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("cut"));
        Files.writeString(out.resolve(DemoReport.MARKER), "");
        Files.createDirectories(out.resolve("runs/contrastive/checkpoints"));
        DemoReport report = DemoReport.prepare(out);
        assertThat(report.runDir("contrastive")).doesNotExist();
        assertThat(out.resolve(DemoReport.MARKER)).isRegularFile();
    }

    @Test
    void refusesAFolderThatHoldsSomethingElse() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> demo(out)).isInstanceOf(DiagonalException.class)
                .hasMessageContaining("not empty").hasMessageContaining(out.toString());
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }
}
