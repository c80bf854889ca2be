package dev.diagonal.app.common;

import dev.diagonal.Fixtures;
import dev.diagonal.project.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Sessions and folders for view-model tests: inline tasks, recorded dialogs, settings in a temp folder. */
public final class TestSessions {

    public final InlineTaskRunner tasks = new InlineTaskRunner();
    public final RecordingDialogs dialogs = new RecordingDialogs();
    public final Session session;

    /** A session whose installation folder is {@code root} and settings live in {@code root/home}. */
    public TestSessions(Path root) {
        TaskNotifier notifier = new TaskNotifier(dialogs);
        TaskRunner reporting = new TaskRunner() {
            @Override
            public <T> TaskHandle start(TaskSpec<T> spec) {
                int before = tasks.failures.size();
                TaskHandle handle = tasks.start(spec);
                if (tasks.failures.size() > before) {
                    notifier.failed(spec.title(), tasks.failures.get(tasks.failures.size() - 1));
                }
                return handle;
            }
        };
        session = new Session(reporting, dialogs, Settings.load(root.resolve("home")), new AppPaths(root), Runnable::run, true);
    }

    /** The tiny HF checkpoint with the real CLIP tokenizer and a 32-px preprocessor config. */
    public static Path tinyModel(Path dir) {
        copyAll(Fixtures.path("clip/tiny-quickgelu-f16"), dir);
        copyAll(Path.of("assets/tokenizer/clip"), dir);
        copy(Fixtures.path("e2e/preprocessor_config.json"), dir.resolve("preprocessor_config.json"));
        return dir;
    }

    /** An ImageFolder of the e2e fixture images: red_apple (3 images) and sea_turtle (2). */
    public static Path imageFolder(Path dir) {
        copy(Fixtures.path("e2e/images/wide.png"), dir.resolve("red_apple/a.png"));
        copy(Fixtures.path("e2e/images/gray.png"), dir.resolve("red_apple/b.png"));
        copy(Fixtures.path("e2e/images/alpha.png"), dir.resolve("red_apple/c.png"));
        copy(Fixtures.path("e2e/images/tall.jpg"), dir.resolve("sea_turtle/d.jpg"));
        copy(Fixtures.path("e2e/images/small.bmp"), dir.resolve("sea_turtle/e.bmp"));
        return dir;
    }

    public static void copyAll(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            files.filter(Files::isRegularFile).forEach(f -> copy(f, to.resolve(f.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
