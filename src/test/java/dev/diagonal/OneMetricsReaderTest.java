package dev.diagonal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.diagonal.project.MetricsReader;
import dev.diagonal.project.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.jsonl} has one writer ({@code project.MetricsLog}), one reader ({@code project.MetricsReader}) and
 * one mapping to {@link dev.diagonal.project.RunEvent}s ({@code project.RunEvents}); everything else reads and writes
 * events. These rules fail when a second parser (or a hand-built line) of the file appears.
 */
class OneMetricsReaderTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String PROJECT = "dev/diagonal/project/";
    /** A {@code "type"} key beside one of the file's line kinds: a line built or sorted by hand. */
    private static final Pattern HAND_TYPED = Pattern.compile(
            "\"type\"\\s*[,)].*\"(eval|warning|summary|resume|checkpoint)\"|\"(eval|warning|summary|resume|checkpoint)\"\\s*\\.equals\\(.*\"type\"");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.diagonal");

    @Test
    void onlyTheProjectPackageTouchesTheFileOrItsRawRecords() {
        noClasses().that().resideOutsideOfPackage("dev.diagonal.project..")
                .should().callMethod(RunFolder.class, "metricsFile")
                .orShould().callMethod(RunFolder.class, "readMetrics")
                .orShould().callMethod(MetricsReader.class, "readAll", Path.class)
                .orShould().callMethod(MetricsReader.class, "readFrom", Path.class, long.class)
                .orShould().callMethod(MetricsReader.Chunk.class, "records")
                .because("metrics.jsonl is read as RunEvents (RunFolder.readEvents, Chunk.events), never parsed again")
                .check(classes);
    }

    @Test
    void insideTheProjectPackageOnlyTheReaderAndTheWriterUseJackson() {
        noClasses().that().haveNameMatching("dev\\.diagonal\\.project\\.(Metrics.*|JsonlRepair|RunEvents?|.*Event)")
                .and().haveNameNotMatching("dev\\.diagonal\\.project\\.(MetricsReader|MetricsLog)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("MetricsReader is the one parser of metrics.jsonl lines (repair and trim use it)")
                .check(classes);
    }

    @Test
    void noSourceOutsideTheProjectPackageNamesTheFileOrBuildsItsLinesByHand() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = MAIN.relativize(file).toString().replace('\\', '/');
                if (name.startsWith(PROJECT)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    // RunFolder.METRICS is a constant: javac inlines it, so only the source shows its use
                    if (line.contains("\"metrics.jsonl\"") || line.contains("RunFolder.METRICS") || HAND_TYPED.matcher(line).find()) {
                        offenders.add(name + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(offenders).as("read and write metrics.jsonl through project's RunEvents").isEmpty();
    }

    @Test
    void theSourceScanSeesAHandBuiltLine() {
        assertThat(HAND_TYPED.matcher("record.put(\"type\", \"eval\");").find()).isTrue();
        assertThat(HAND_TYPED.matcher("if (\"warning\".equals(record.get(\"type\"))) {").find()).isTrue();
        assertThat(HAND_TYPED.matcher("model.put(\"type\", \"BPE\");").find()).isFalse();
    }
}
