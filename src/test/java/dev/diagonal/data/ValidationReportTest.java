package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationReportTest {

    @TempDir
    Path dir;

    private ValidationReport sample() {
        return new ValidationReport("data.csv", 6, 3,
                Map.of(ProblemKind.DUPLICATE_ROW, 1, ProblemKind.MISSING_IMAGE, 2),
                List.of(new ValidationReport.Issue(ProblemKind.MISSING_IMAGE, "/d/a.png", 3, "file not found"),
                        new ValidationReport.Issue(ProblemKind.MISSING_IMAGE, "/d/b.png", 5, "file not found"),
                        new ValidationReport.Issue(ProblemKind.DUPLICATE_ROW, "data.csv", 4, "same as line 2")),
                Map.of("cat", 2, "dog", 1),
                List.of("ignored 1 files that are not images"));
    }

    @Test
    void summaryIsReadable() {
        assertThat(sample().summary()).isEqualTo("""
                data.csv: 6 rows, 3 valid, 3 skipped
                  missing image: 2
                    line 3: /d/a.png: file not found
                    line 5: /d/b.png: file not found
                  duplicate row: 1
                    line 4: same as line 2
                classes (2): cat 2, dog 1
                note: ignored 1 files that are not images""");
    }

    @Test
    void summaryOfAnUnusableReportSaysSo() {
        ValidationReport empty = new ValidationReport("x.jsonl", 1, 0, Map.of(ProblemKind.BAD_LINE, 1),
                List.of(new ValidationReport.Issue(ProblemKind.BAD_LINE, "x.jsonl", 1, "not a JSON object")),
                Map.of(), List.of());

        assertThat(empty.isUsable()).isFalse();
        assertThat(empty.summary()).isEqualTo("""
                x.jsonl: 1 row, 0 valid, 1 skipped
                  bad line: 1
                    line 1: not a JSON object
                nothing valid left to use""");
    }

    @Test
    void roundTripsThroughJackson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ValidationReport report = sample();

        String text = json.writeValueAsString(report);
        ValidationReport back = json.readValue(text, ValidationReport.class);

        assertThat(back).isEqualTo(report);
        assertThat(json.readTree(text).get("usable").asBoolean()).isTrue();
        assertThat(json.readTree(text).get("problems").get("MISSING_IMAGE").asInt()).isEqualTo(2);
    }

    @Test
    void examplesAreCappedPerKindWhileCountsStayExact() {
        StringBuilder csv = new StringBuilder("image,caption\n");
        for (int i = 0; i < 12; i++) {
            csv.append("missing").append(i).append(".png,c").append(i).append('\n');
        }
        Path manifest = TestImages.text(dir.resolve("data.csv"), csv.toString());

        ValidationReport report = DatasetLoader.load(manifest, ColumnMapping.auto(),
                DatasetLoader.Options.defaults().withMaxExamples(3)).report();

        assertThat(report.count(ProblemKind.MISSING_IMAGE)).isEqualTo(12);
        assertThat(report.examples()).extracting(ValidationReport.Issue::line).containsExactly(2, 3, 4);
        assertThat(report.skippedRows()).isEqualTo(12);
    }
}
