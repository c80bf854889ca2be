package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The defaults a new user gets with no tuning flags: auto epochs, {@code --lr auto} (LoRA at 10 x), class batches. */
class TrainingDefaultsTest {

    @TempDir
    static Path shared;
    static Path model;
    static Path shapes;

    @BeforeAll
    static void material() {
        TestEngine.oneThread();
        model = TrainFixtures.tinyModel(shared.resolve("model"));
        shapes = TrainFixtures.shapes(shared.resolve("shapes"), 4, 2);
    }

    @Test
    void theDefaultsPickAndAnExplicitValueReplacesThePick() {
        TrainingConfig defaults = TrainingConfig.defaults();
        assertThat(defaults.optimizer().lrAuto()).isTrue();
        assertThat(defaults.schedule().epochs()).isEqualTo(ScheduleSettings.AUTO);
        assertThat(defaults.data().batches()).isEqualTo(Batches.CLASSES);
        assertThat(TrainingConfig.builder().lr(1e-3).build().optimizer().lrAuto()).isFalse();
        assertThat(TrainingConfig.builder().lr("2e-4").build().optimizer().lr()).isEqualTo(2e-4);
        assertThat(TrainingConfig.builder().epochs(3).epochs("auto").build().schedule().epochs()).isEqualTo(ScheduleSettings.AUTO);
    }

    @Test
    void autoEpochsMakeTwoHundredOptimizerStepsAndAtLeastFiveEpochs() {
        ScheduleSettings auto = TrainingConfig.defaults().schedule();
        assertThat(auto.autoEpochs(10)).isEqualTo(20);
        assertThat(auto.autoEpochs(7)).isEqualTo(29);
        assertThat(auto.autoEpochs(100)).isEqualTo(5);
        assertThat(auto.autoEpochs(0)).isEqualTo(200);
        assertThat(TrainingConfig.builder().accumulation(2).build().schedule().autoEpochs(10)).isEqualTo(40);
        assertThat(TrainingConfig.builder().epochs(3).build().schedule().autoEpochs(10)).isEqualTo(3);
        assertThat(auto.autoEpochsReason(10)).contains("20", "200");
    }

    @Test
    void tipAdapterFTakesTheReferencesSettingsUnlessGivenNumbers() {
        List<TipAdapterFineTune.Settings> auto = TipAdapterMethod.candidates(TrainingConfig.defaults());
        assertThat(auto).extracting(TipAdapterFineTune.Settings::lr).containsExactly(1e-3, 1e-2);
        assertThat(auto).extracting(TipAdapterFineTune.Settings::epochs).containsOnly(20);
        List<TipAdapterFineTune.Settings> given = TipAdapterMethod.candidates(TrainingConfig.builder().lr(5e-3).epochs(5).build());
        assertThat(given).singleElement().satisfies(s -> {
            assertThat(s.lr()).isEqualTo(5e-3);
            assertThat(s.epochs()).isEqualTo(5);
        });
    }

    @Test
    void anAutoEpochRunRecordsTheNumberAndWhy(@TempDir Path tmp) {
        List<String> notes = new ArrayList<>();
        TrainingConfig config = TrainingConfig.builder().batchSize(8).lr(1e-3).device("cpu").valFraction(0.25)
                .maxSteps(2).build();
        TrainingResult result = FineTuning.start(RunDestination.at(tmp.resolve("run")),
                new TrainingRequest(model, shapes, null, config), noting(notes), () -> false);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        Map<String, Object> hyper = RunFolder.open(tmp.resolve("run")).readRunJson().hyperparameters();
        // 24 training images in batches of 8: 3 per epoch, so 67 epochs make 200 steps
        assertThat(hyper).containsEntry("epochs", 67);
        assertThat((String) hyper.get("epochs_auto")).contains("67", "200");
        assertThat(notes).anyMatch(n -> n.contains("67"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void loraTrainsAtTenTimesTheFullModelsRangeTestPick(@TempDir Path tmp) {
        List<String> notes = new ArrayList<>();
        TrainingConfig config = TrainingConfig.builder().method(Methods.LORA).epochs(1).batchSize(8).device("cpu")
                .valFraction(0.25).maxSteps(1).build();
        TrainingResult result = FineTuning.start(RunDestination.at(tmp.resolve("lora")),
                new TrainingRequest(model, shapes, null, config), noting(notes), () -> false);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        Map<String, Object> hyper = RunFolder.open(tmp.resolve("lora")).readRunJson().hyperparameters();
        Map<String, Object> test = (Map<String, Object>) hyper.get("lr_range_test");
        double picked = ((Number) test.get("picked_lr")).doubleValue();
        assertThat(((Number) test.get("factor")).doubleValue()).isEqualTo(10.0);
        assertThat(((Number) hyper.get("lr")).doubleValue()).isCloseTo(10 * picked, within(1e-12 * picked));
        assertThat(hyper).containsEntry("lr_auto", true);
        assertThat(notes).anyMatch(n -> n.startsWith("LR range test (") && n.contains("LoRA trains at 10 x"));
    }

    @Test
    void classBatchesNeedLabelOnlyDataAndCaptionedDataTrainsAsFill(@TempDir Path tmp) throws IOException {
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(8).lr(1e-3).device("cpu").valFraction(0.25)
                .build();
        RecordingListener labels = new RecordingListener();
        FineTuning.start(RunDestination.at(tmp.resolve("labels")), new TrainingRequest(model, shapes, null, config),
                labels, () -> false);
        assertThat(labels.plans.get(0).batches()).isEqualTo("classes");

        RecordingListener captions = new RecordingListener();
        FineTuning.start(RunDestination.at(tmp.resolve("captions")),
                new TrainingRequest(model, captioned(tmp.resolve("captioned.csv")), null, config), captions, () -> false);
        assertThat(captions.plans.get(0).batches()).isEqualTo("fill");
    }

    /** The shapes as a CSV whose captions say more than the label. */
    private static Path captioned(Path csv) throws IOException {
        StringBuilder rows = new StringBuilder("filepath,caption,label\n");
        try (Stream<Path> files = Files.walk(shapes)) {
            for (Path image : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                String label = image.getParent().getFileName().toString();
                rows.append(image.toAbsolutePath()).append(",a drawing of a ").append(label.replace('_', ' '))
                        .append(',').append(label).append('\n');
            }
        }
        Files.writeString(csv, rows);
        return csv;
    }

    private static TrainingListener noting(List<String> notes) {
        return new TrainingListener() {
            @Override
            public void onNote(String message) {
                notes.add(message);
            }
        };
    }
}
