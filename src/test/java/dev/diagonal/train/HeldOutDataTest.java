package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test and shift sets of a project are refused as training or validation data, before anything starts. */
class HeldOutDataTest {

    @TempDir
    Path tmp;

    private Path project;

    @BeforeEach
    void project() throws IOException {
        project = tmp.resolve("p");
        Project p = Project.create(project, "p");
        for (String name : new String[] {"adapt", "val", "heldout", "google"}) {
            Files.writeString(project.resolve(name + ".csv"), "image,label\n");
        }
        p.putDataset("adapt", project.resolve("adapt.csv"), DatasetRole.TRAIN);
        p.putDataset("val", project.resolve("val.csv"), DatasetRole.VAL);
        p.putDataset("twitter-heldout", project.resolve("heldout.csv"), DatasetRole.TEST);
        p.putDataset("google", project.resolve("google.csv"), DatasetRole.SHIFT);
        p.save();
    }

    @Test
    void aTestSetCannotBeTheValidationData() {
        assertThatThrownBy(() -> HeldOutData.refuse(project.resolve("heldout.csv"), "validation data"))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("heldout.csv cannot be the validation data")
                .hasMessageContaining("dataset 'twitter-heldout'")
                .hasMessageContaining("role test")
                .hasMessageContaining(Project.FILE_NAME);
    }

    @Test
    void aShiftSetCannotBeTrainedOnEvenWrittenAnotherWay() {
        Path roundabout = project.resolve("sub/../google.csv");
        assertThatThrownBy(() -> HeldOutData.refuse(roundabout, "training data"))
                .isInstanceOf(DiagonalException.class)
                .hasMessageContaining("cannot be the training data")
                .hasMessageContaining("dataset 'google'")
                .hasMessageContaining("role shift");
    }

    @Test
    void trainValUnlistedAndProjectlessDataPass() throws IOException {
        Path elsewhere = Files.writeString(tmp.resolve("loose.csv"), "image,label\n");
        Path unlisted = Files.writeString(project.resolve("other.csv"), "image,label\n");
        assertThatCode(() -> {
            HeldOutData.refuse(project.resolve("adapt.csv"), "training data");
            HeldOutData.refuse(project.resolve("val.csv"), "validation data");
            HeldOutData.refuse(unlisted, "validation data");
            HeldOutData.refuse(elsewhere, "validation data");
            HeldOutData.refuse(null, "validation data");
        }).doesNotThrowAnyException();
    }

    @Test
    void everyMethodRefusesBeforeTheRunStarts() {
        for (String method : Methods.names()) {
            TrainingConfig config = TrainingConfig.builder().method(method).device("cpu").build();
            Path runs = tmp.resolve("runs-" + method);
            TrainingRequest request = new TrainingRequest(tmp.resolve("no-model"), project.resolve("adapt.csv"),
                    project.resolve("heldout.csv"), config);
            // the model folder does not exist: the refusal comes first, and no run folder is left behind
            assertThatThrownBy(() -> FineTuning.start(RunDestination.at(runs), request, TrainingListener.NONE, () -> false))
                    .as(method).isInstanceOf(DiagonalException.class).hasMessageContaining("role test");
            assertThat(runs).doesNotExist();
        }
    }

    @Test
    void onlyTestAndShiftAreHeldOut() {
        assertThat(DatasetRole.TEST.heldOut()).isTrue();
        assertThat(DatasetRole.SHIFT.heldOut()).isTrue();
        assertThat(DatasetRole.TRAIN.heldOut() || DatasetRole.VAL.heldOut() || DatasetRole.EVAL.heldOut()).isFalse();
        assertThat(DatasetRole.SHIFT.label()).isEqualTo("shift");
    }
}
