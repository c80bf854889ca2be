package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.ValidationReport;
import dev.diagonal.image.CorruptImages;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ImageFolder of intact PNGs with a corrupted file of every format mixed in: every command completes,
 * the validation report counts each corrupted file, and every intact image is scored.
 */
class CorruptedFolderTest {

    private static final Path IMAGES = Path.of("src/test/resources/fixtures/image/images");
    private static final int INTACT_PER_CLASS = 5;

    @TempDir
    static Path tmp;
    static Path model;
    static Path data;
    static final List<String> corrupted = new ArrayList<>();
    static final Set<String> intact = new HashSet<>();

    @BeforeAll
    static void material() throws IOException {
        System.setProperty("ai.djl.pytorch.num_threads", "1"); // tiny model on a shared 2-core box
        model = CliRunner.tinyModel(tmp.resolve("model"));
        data = tmp.resolve("data");
        int k = 0;
        for (String label : List.of("red_circle", "blue_square")) {
            Path folder = Files.createDirectories(data.resolve(label));
            for (int i = 0; i < INTACT_PER_CLASS; i++) {
                BufferedImage image = new BufferedImage(24 + i, 24, BufferedImage.TYPE_INT_RGB);
                Color color = label.startsWith("red") ? new Color(220, 30 + 10 * i, 30) : new Color(30, 30 + 10 * i, 220);
                for (int y = 0; y < 24; y++) {
                    for (int x = 0; x < 24 + i; x++) {
                        image.setRGB(x, y, color.getRGB());
                    }
                }
                ImageIO.write(image, "png", folder.resolve(label + "-" + i + ".png").toFile());
                intact.add(label + "/" + label + "-" + i + ".png");
            }
        }
        for (String name : List.of("rgb_up_61x47.png", "jpeg_420_q90_120x90.jpg", "gif_gray_35x25.gif",
                "bmp_rgb24_50x30.bmp", "webp_lossless_60x40.webp")) {
            byte[] whole = Files.readAllBytes(IMAGES.resolve(name));
            corrupt("cut_" + name, Arrays.copyOf(whole, whole.length * 3 / 4), k++);
        }
        Path vp8 = CorruptImages.truncatedVp8(tmp.resolve("cut_vp8.webp"));
        corrupt("cut_vp8_lossy.webp", Files.readAllBytes(vp8), k++);
        corrupt("empty.png", new byte[0], k++);
        corrupt("notes.jpg", "just some text, not a picture\n".getBytes(), k++);
    }

    private static void corrupt(String name, byte[] bytes, int k) throws IOException {
        String relative = (k % 2 == 0 ? "red_circle/" : "blue_square/") + name;
        Files.write(data.resolve(relative), bytes);
        corrupted.add(relative);
    }

    @Test
    void theValidationReportCountsEveryCorruptedFile() {
        ValidationReport report = DatasetLoader.load(data).report();
        assertThat(report.validRows()).isEqualTo(intact.size());
        assertThat(report.skippedRows()).as(report.summary()).isEqualTo(corrupted.size());
    }

    @Test
    void zeroShotScoresEveryIntactImage() throws IOException {
        Path out = tmp.resolve("zs.json");
        CliRunner.Outcome outcome = CliRunner.run("zeroshot", "--model", model.toString(), "--data", data.toString(),
                "--out", out.toString(), "--device", "cpu");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains(corrupted.size() + " skipped").doesNotContain("\tat ");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        Set<String> scored = new HashSet<>();
        json.get("predictions").forEach(p -> scored.add(p.get("image").asText().replace('\\', '/')));
        assertThat(scored).isEqualTo(intact);
        assertThat(json.get("skipped").get("count").asInt()).isZero(); // all caught by validation
        assertThat(outcome.out()).contains("(" + intact.size() + " images, 2 classes)");
    }

    @Test
    void evaluateScoresEveryIntactImage() throws IOException {
        Path out = tmp.resolve("eval.json");
        CliRunner.Outcome outcome = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--out", out.toString(), "--device", "cpu");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains(corrupted.size() + " rows of").doesNotContain("\tat ");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("predictions")).hasSize(intact.size());
        assertThat(json.get("images").asInt()).isEqualTo(intact.size());
        assertThat(json.get("skipped").get("count").asInt()).isZero();
    }

    @Test
    void contrastiveFineTuningCompletes() {
        Path out = tmp.resolve("run");
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", out.toString(), "--method", "contrastive", "--epochs", "1", "--batch-size", "4",
                "--lr", "1e-3", "--device", "cpu");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(RunFolder.open(out).readRunJson().status()).isEqualTo(RunStatus.COMPLETED);
        assertTrainsOnEveryIntactImage(outcome.out());
    }

    /** The console's plan line names the training and validation images: together, every intact one. */
    private static void assertTrainsOnEveryIntactImage(String console) {
        java.util.regex.Matcher plan = java.util.regex.Pattern.compile("(\\d+) train / (\\d+) val images").matcher(console);
        assertThat(plan.find()).as(console).isTrue();
        assertThat(Integer.parseInt(plan.group(1)) + Integer.parseInt(plan.group(2))).isEqualTo(intact.size());
    }

    @Test
    void linearProbeCompletes() throws IOException {
        Path out = tmp.resolve("probe");
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", out.toString(), "--method", "linear-probe", "--batch-size", "4", "--device", "cpu");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(out.resolve("result.json")).exists();
        assertThat(RunFolder.open(out).readRunJson().status()).isEqualTo(RunStatus.COMPLETED);
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.get("train_images").asInt() + result.get("val_images").asInt()).isEqualTo(intact.size());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lora", "tip-adapter", "tip-adapter-f"})
    void everyOtherMethodCompletes(String method) {
        Path out = tmp.resolve("run-" + method);
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", out.toString(), "--method", method, "--epochs", "1", "--batch-size", "4", "--device", "cpu");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(RunFolder.open(out).readRunJson().status()).isEqualTo(RunStatus.COMPLETED);
        if (method.equals("lora")) {
            assertTrainsOnEveryIntactImage(outcome.out());
        }
    }
}
