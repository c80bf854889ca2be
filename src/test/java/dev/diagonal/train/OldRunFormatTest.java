package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.Fixtures;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose {@code run.json} and {@code state.json} hold the settings exactly as Diagonal wrote them
 * before the configuration was typed (the committed {@code fixtures/run-format-v1}) resumes and ends with
 * the weights of an uninterrupted run.
 */
class OldRunFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void aRunOfTheEarlierFormatResumesBitIdentically(@TempDir Path tmp) throws IOException {
        TestEngine.oneThread();
        Path model = TrainFixtures.tinyModel(tmp.resolve("model"));
        Path data = TrainFixtures.shapes(tmp.resolve("shapes"), 4, 2);
        String runJson = Files.readString(Fixtures.path("run-format-v1/run.json"))
                .replace("@MODEL@", model.toAbsolutePath().normalize().toString())
                .replace("@TRAIN@", data.toAbsolutePath().normalize().toString());
        JsonNode oldHyperparameters = JSON.readTree(runJson).get("hyperparameters");
        JsonNode oldState = JSON.readTree(Fixtures.path("run-format-v1/state.json").toFile()).get("config");
        TrainingConfig config = TrainingConfigTest.fixtureConfig();

        TrainingResult whole = FineTuning.start(RunDestination.at(tmp.resolve("whole")),
                new TrainingRequest(model, data, null, config), TrainingListener.NONE, () -> false);
        RecordingListener first = new RecordingListener();
        TrainingResult cancelled = FineTuning.start(RunDestination.at(tmp.resolve("split")),
                new TrainingRequest(model, data, null, config), first, () -> first.losses.size() >= 3);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);

        RunFolder split = RunFolder.open(tmp.resolve("split"));
        ObjectNode info = (ObjectNode) JSON.readTree(split.runJson().toFile());
        info.set("hyperparameters", oldHyperparameters);
        JSON.writeValue(split.runJson().toFile(), info);
        try (var checkpoints = Files.list(split.checkpointsDir())) {
            for (Path state : checkpoints.map(c -> c.resolve("state.json")).filter(Files::isRegularFile).toList()) {
                ObjectNode node = (ObjectNode) JSON.readTree(state.toFile());
                node.set("config", oldState);
                JSON.writeValue(state.toFile(), node);
            }
        }

        TrainingResult resumed = FineTuning.resume(split, TrainingListener.NONE, () -> false);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.step()).isEqualTo(whole.step());
        double diff = TrainerResumeTest.maxDiff(TrainerResumeTest.finalWeights(tmp.resolve("whole"), whole.step()),
                TrainerResumeTest.finalWeights(split.path(), resumed.step()));
        assertThat(diff).isZero();
    }
}
