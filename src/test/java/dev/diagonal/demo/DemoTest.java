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

    /** Twelve emoji of the shipped sample: both vendors' images, 8 held out, 4 for adaptation. */
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
        for (int i = 1; i <= 12; i++) {
            int row = i * 150;
            (i <= 8 ? heldout : adapt).add(absolute(sample, rows.get(row)));
            googleRows.add(absolute(sample, google.get(row)));
        }
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

    /** The row with its image path made absolute (the slice lives elsewhere). */
    private static String absolute(Path sample, String row) {
        int comma = row.indexOf(',');
        return sample.resolve(row.substring(0, comma)).toAbsolutePath() + row.substring(comma);
    }

    private static Map<String, Object> demo(Path out) {
        return Demo.run(new Demo.Request(project, model, out, 3, 2, 4, 1e-3, true, "none",
                "crop,affine,background", "cpu", 4), line -> {},
                TrainingListener.NONE, () -> false);
    }

    @Test
    void writesTheReportAndRepeatsItsNumbers() throws IOException {
        Path out = tmp.resolve("report");
        demo(out);
        for (String file : DemoReport.FILES) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        BufferedImage heatmap = ImageIO.read(out.resolve("heatmap-after.png").toFile());
        assertThat(heatmap.getWidth()).isGreaterThan(300);
        assertThat(ImageIO.read(out.resolve("curves.png").toFile()).getHeight()).isEqualTo(700);
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(1 + 2 * 4); // 16 images, batch 4: 4 steps x 2 epochs

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/sets/twitter-heldout").asInt()).isEqualTo(8);
        assertThat(summary.at("/names").asInt()).isEqualTo(12);
        double before = summary.at("/before/twitter-heldout/name_top1").asDouble();
        double after = summary.at("/after/twitter-heldout/name_top1").asDouble();
        assertThat(summary.at("/change/twitter-heldout/name_top1_points").asDouble())
                .isCloseTo(100 * (after - before), within(1e-9));
        double guessed = summary.at("/after/twitter-heldout/guessed_adaptation_name").asDouble();
        assertThat(guessed * 8).isBetween(0.0, 8.0).isCloseTo(Math.rint(guessed * 8), within(1e-9)); // of 8 images
        assertThat(summary.at("/change/twitter-heldout/guessed_adaptation_name_points").asDouble()).isCloseTo(
                100 * (guessed - summary.at("/before/twitter-heldout/guessed_adaptation_name").asDouble()), within(1e-9));
        assertThat(summary.at("/after/twitter-adapt/images").asInt()).isEqualTo(4); // scored too: what fine-tuning saw
        assertThat(summary.at("/change/twitter-adapt/name_top1_points").asDouble()).isCloseTo(100 * (
                summary.at("/after/twitter-adapt/name_top1").asDouble()
                        - summary.at("/before/twitter-adapt/name_top1").asDouble()), within(1e-9));
        assertThat(summary.at("/probe/captions")).hasSize(4);
        assertThat(summary.at("/finetune/replay_google").asBoolean()).isTrue();
        assertThat(Files.readAllLines(out.resolve("train.csv"))).hasSize(1 + 4 + 12); // adaptation set + Google replayed

        demo(out); // the same seed again, over the earlier report
        JsonNode again = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(again.get("before")).isEqualTo(summary.get("before"));
        assertThat(again.get("after")).isEqualTo(summary.get("after"));
        assertThat(again.get("probe")).isEqualTo(summary.get("probe"));
    }

    @Test
    void replacesAReportThatWasCutShort() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("cut"));
        Files.writeString(out.resolve(DemoReport.MARKER), "");
        Files.createDirectories(out.resolve("run/checkpoints"));
        DemoReport report = DemoReport.prepare(out);
        assertThat(report.runDir()).doesNotExist();
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
