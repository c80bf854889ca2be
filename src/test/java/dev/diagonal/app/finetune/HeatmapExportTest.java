package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapExportTest {

    private static HeatmapFrame frame() {
        SimilaritySnapshot s = new SimilaritySnapshot(3, List.of("cat", "dog, big"), List.of("c0", "say \"hi\""),
                new float[][] {{0.5f, Float.NaN}, {-0.25f, 1f}}, null);
        DifferenceColors colors = new DifferenceColors(s);
        return new HeatmapFrame(s, colors, (r, c) -> "", "step 3", "after − before", true, DifferenceColors.RING,
                new int[] {0, 1}, new int[] {0, 1});
    }

    @Test
    void csvHasLabelsQuotedAndValues() {
        assertThat(HeatmapExport.csv(frame())).isEqualTo(
                "image \\ caption,c0,\"say \"\"hi\"\"\"\ncat,0.500000,NaN\n\"dog, big\",-0.250000,1.000000\n");
    }

    @Test
    void writesCsvAndPngFiles(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("m.csv");
        HeatmapExport.writeCsv(frame(), csv);
        assertThat(Files.readString(csv)).startsWith("image \\ caption,");
        Path png = dir.resolve("m.png");
        HeatmapExport.writePng(frame(), png);
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.csv", "m.png");
        }
    }
}
