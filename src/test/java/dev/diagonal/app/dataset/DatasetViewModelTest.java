package dev.diagonal.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.app.common.TestSessions;
import dev.diagonal.data.Sample;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetViewModelTest {

    @TempDir
    Path tmp;

    private TestSessions sessionWithFruit() {
        Project project = Project.create(tmp.resolve("p"), "p");
        TestSessions.imageFolder(tmp.resolve("p/fruit"));
        project.putDataset("fruit", tmp.resolve("p/fruit"), DatasetRole.TRAIN);
        project.save();
        TestSessions t = new TestSessions(tmp);
        t.session.setProject(Project.open(tmp.resolve("p")));
        return t;
    }

    @Test
    void theFirstDatasetLoadsWithItsReportSamplesAndClasses() {
        TestSessions t = sessionWithFruit();
        DatasetViewModel model = new DatasetViewModel(t.session);

        assertThat(model.selectedProperty().get().name()).isEqualTo("fruit");
        assertThat(model.shown()).hasSize(5);
        assertThat(model.reportProperty().get()).contains("5 rows, 5 valid, 0 skipped", "red_apple 3", "sea_turtle 2");
        assertThat(model.classCounts()).containsEntry("red_apple", 3).containsEntry("sea_turtle", 2);
        assertThat(model.shownSummaryProperty().get()).isEqualTo("5 of 5 samples");
    }

    @Test
    void splitFewShotAndSearchChooseWhatTheGridShows() {
        TestSessions t = sessionWithFruit();
        DatasetViewModel model = new DatasetViewModel(t.session);
        model.valFractionProperty().set(0.4);

        model.filterProperty().set(SampleFilter.TRAIN);
        Set<Sample> train = new HashSet<>(model.shown());
        model.filterProperty().set(SampleFilter.VAL);
        Set<Sample> val = new HashSet<>(model.shown());
        assertThat(train).hasSize(3).doesNotContainAnyElementsOf(val);
        assertThat(val).hasSize(2);
        assertThat(model.splitSummaryProperty().get()).isEqualTo("3 train, 2 validation (40 %, seed 0)");

        model.shotsProperty().set(1);
        model.filterProperty().set(SampleFilter.FEW_SHOT);
        assertThat(model.shown()).extracting(Sample::label).containsExactly("red_apple", "sea_turtle");
        assertThat(model.fewShotSummaryProperty().get()).isEqualTo("1 shot: 2 samples");

        model.filterProperty().set(SampleFilter.ALL);
        model.searchProperty().set("TURTLE");
        assertThat(model.shown()).extracting(Sample::label).containsOnly("sea_turtle").hasSize(2);
    }

    @Test
    void importingAManifestAddsItToTheProjectUnderAFreeName() throws Exception {
        TestSessions t = sessionWithFruit();
        DatasetViewModel model = new DatasetViewModel(t.session);
        Path csv = Files.writeString(tmp.resolve("p/fruit.csv"), "filepath,label\nfruit/red_apple/a.png,apple\nfruit/sea_turtle/d.jpg,turtle\n");
        model.importRoleProperty().set(DatasetRole.EVAL);
        t.dialogs.files.add(csv);

        model.importManifestCommand().execute();

        Project saved = Project.open(tmp.resolve("p"));
        assertThat(saved.dataset("fruit-2")).hasValueSatisfying(d -> {
            assertThat(d.role()).isEqualTo(DatasetRole.EVAL);
            assertThat(d.path()).isEqualTo("fruit.csv");
        });
        assertThat(model.selectedProperty().get().name()).isEqualTo("fruit-2");
        assertThat(model.shown()).extracting(Sample::label).containsExactly("apple", "turtle");
    }

    @Test
    void aManifestWithNothingUsableIsShownAsAnErrorAndNotAdded() throws Exception {
        TestSessions t = sessionWithFruit();
        DatasetViewModel model = new DatasetViewModel(t.session);
        Path csv = Files.writeString(tmp.resolve("p/broken.csv"), "filepath,label\nnowhere.png,x\n");

        model.importDataset(csv);

        assertThat(t.dialogs.errors).singleElement().asString().contains("Nothing usable in broken.csv", "missing image");
        assertThat(Project.open(tmp.resolve("p")).datasets()).hasSize(1);
    }

    @Test
    void removingADatasetAsksFirst() {
        TestSessions t = sessionWithFruit();
        DatasetViewModel model = new DatasetViewModel(t.session);

        t.dialogs.confirmations.add(false);
        model.removeCommand().execute();
        assertThat(Project.open(tmp.resolve("p")).datasets()).hasSize(1);

        t.dialogs.confirmations.add(true);
        model.removeCommand().execute();
        assertThat(Project.open(tmp.resolve("p")).datasets()).isEmpty();
        assertThat(model.entries()).isEmpty();
        assertThat(model.shown()).isEmpty();
        assertThat(tmp.resolve("p/fruit/red_apple/a.png")).exists();
    }
}
