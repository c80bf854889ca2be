package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path tmp;

    @Test
    void missingFileGivesDefaults() {
        Settings settings = Settings.load(tmp);
        assertThat(settings.recentProjects()).isEmpty();
        assertThat(settings.lastProject()).isEmpty();
        assertThat(settings.windowGeometry()).isEmpty();
        assertThat(settings.problem()).isEmpty();
    }

    @Test
    void recentProjectsKeepTenMostRecentFirstWithoutDuplicates() {
        Settings settings = Settings.load(tmp);
        IntStream.range(0, 12).forEach(i -> settings.projectOpened(tmp.resolve("p" + i)));

        assertThat(settings.recentProjects()).hasSize(Settings.MAX_RECENT);
        assertThat(settings.recentProjects().get(0)).isEqualTo(tmp.resolve("p11"));
        assertThat(settings.recentProjects().get(9)).isEqualTo(tmp.resolve("p2"));

        settings.projectOpened(tmp.resolve("p5/./sub/..")); // same folder, spelled differently
        settings.projectOpened(tmp.resolve("p7").resolve(Project.FILE_NAME)); // the file counts as its folder
        assertThat(settings.recentProjects()).hasSize(10).startsWith(tmp.resolve("p7"), tmp.resolve("p5"), tmp.resolve("p11"));
        assertThat(settings.recentProjects()).doesNotHaveDuplicates();
        assertThat(settings.lastProject()).contains(tmp.resolve("p7"));

        settings.forgetProject(tmp.resolve("p7"));
        assertThat(settings.recentProjects()).hasSize(9).doesNotContain(tmp.resolve("p7"));
        assertThat(settings.lastProject()).isEmpty();
    }

    @Test
    void saveAndLoadRoundTripAtomically() {
        Settings settings = Settings.load(tmp.resolve("home"));
        settings.setWindowGeometry(new Settings.WindowGeometry(10, 20, 1280, 800, true));
        settings.projectOpened(tmp.resolve("a"));
        settings.projectOpened(tmp.resolve("b"));
        settings.save();
        settings.save();

        Settings loaded = Settings.load(tmp.resolve("home"));
        assertThat(loaded.windowGeometry()).contains(new Settings.WindowGeometry(10, 20, 1280, 800, true));
        assertThat(loaded.recentProjects()).containsExactly(tmp.resolve("b"), tmp.resolve("a"));
        assertThat(loaded.lastProject()).contains(tmp.resolve("b"));
        assertThat(TempFiles.under(tmp)).isEmpty();
    }

    @Test
    void damagedFileLoadsAsDefaultsAndSaysWhy() throws IOException {
        Files.writeString(tmp.resolve(Settings.FILE_NAME), "{\"recentProjects\": [\"a\",");

        Settings settings = Settings.load(tmp);

        assertThat(settings.recentProjects()).isEmpty();
        assertThat(settings.problem()).hasValueSatisfying(p -> assertThat(p).contains(Settings.FILE_NAME, "line 1"));
        settings.save();
        assertThat(Settings.load(tmp).problem()).isEmpty();
    }

    @Test
    void directoryComesFromPropertyThenEnvironmentThenHome() {
        assertThat(Settings.resolveDirectory("/p", "/e", "/home/u")).isEqualTo(Path.of("/p"));
        assertThat(Settings.resolveDirectory(null, "/e", "/home/u")).isEqualTo(Path.of("/e"));
        assertThat(Settings.resolveDirectory(" ", "", "/home/u")).isEqualTo(Path.of("/home/u/.diagonal"));

        String previous = System.getProperty(Settings.HOME_PROPERTY);
        try {
            System.setProperty(Settings.HOME_PROPERTY, tmp.toString());
            assertThat(Settings.defaultDirectory()).isEqualTo(tmp);
            Settings.load().save();
            assertThat(tmp.resolve(Settings.FILE_NAME)).exists();
        } finally {
            if (previous == null) {
                System.clearProperty(Settings.HOME_PROPERTY);
            } else {
                System.setProperty(Settings.HOME_PROPERTY, previous);
            }
        }
    }
}
