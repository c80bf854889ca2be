package dev.diagonal.app;

import dev.diagonal.app.common.AppPaths;
import dev.diagonal.app.common.DialogService;
import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.FxDialogService;
import dev.diagonal.app.common.FxTaskRunner;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.common.TaskNotifier;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.finetune.FinetuneView;
import dev.diagonal.app.finetune.HeatmapPreset;
import dev.diagonal.project.Project;
import dev.diagonal.project.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the session, the screens and the main window; restores and remembers
 * the window geometry; opens the first project; or, with {@code --snapshot}, renders one screen to a
 * PNG and exits.
 */
public final class WorkbenchApp extends Application {

    static final double WIDTH = 1280;
    static final double HEIGHT = 860;
    private static volatile int exitCode;

    private Stage stage;
    private Session session;
    private FxTaskRunner runner;
    private boolean snapshot;

    /** The exit code once the application has ended. */
    static int exitCode() {
        return exitCode;
    }

    @Override
    public void start(Stage primary) {
        stage = primary;
        WorkbenchOptions options = WorkbenchOptions.parse(getParameters().getRaw().toArray(String[]::new));
        snapshot = options.snapshot() != null || options.bench() != null; // both headless: no dialogs, nothing remembered
        ConsoleDialogService console = new ConsoleDialogService();
        DialogService dialogs = snapshot ? console : new FxDialogService(() -> stage);
        TaskNotifier notifier = new TaskNotifier(dialogs);
        runner = new FxTaskRunner(3, notifier);
        Settings settings = Settings.load();
        session = new Session(runner, dialogs, settings, AppPaths.detect(), Platform::runLater, !snapshot);
        // decoding threads leave a core to the UI thread
        int decoders = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        ThumbnailLoader thumbnails = new ThumbnailLoader(96, 800, decoders);
        MainViewModel main = new MainViewModel(session);
        Screens screens = new Screens(session, thumbnails, main::show);
        if (options.heatmap() != null) {
            HeatmapPreset.parse(options.heatmap()).apply(screens.finetune.heatmap());
        }
        Scene scene = new Scene(new MainView(main, screens, runner, notifier), WIDTH, HEIGHT);
        scene.getStylesheets().add(getClass().getResource("workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(main.titleBinding());
        stage.getIcons().add(new Image(getClass().getResource("icon.png").toExternalForm()));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (!snapshot) {
            restoreGeometry(settings);
        }
        stage.show();
        Platform.runLater(FinetuneView::warmUp);
        Optional<Path> first = snapshot || options.bench() != null ? headlessProject(options) : firstProject(options, settings);
        main.show(options.screen() != null ? options.screen() : firstScreen(first));
        if (options.bench() != null) {
            if (openHeadless(options)) {
                new UiBench(options.bench(), scene, screens, main, this::exit).start();
            }
        } else if (snapshot) {
            startSnapshot(options, scene, thumbnails, console);
        } else {
            settings.problem().ifPresent(problem -> dialogs.showError("Settings were reset", problem));
            first.ifPresent(screens.project::open);
        }
    }

    private void startSnapshot(WorkbenchOptions options, Scene scene, ThumbnailLoader thumbnails, ConsoleDialogService console) {
        if (openHeadless(options)) {
            new SnapshotWriter(scene, runner, thumbnails, options.snapshot(),
                    code -> exit(code != 0 || console.firstError() == null ? code : 1)).start();
        }
    }

    /** Opens {@code --project}, else the sample project, for a snapshot or the benchmark; false (exiting) if it fails. */
    private boolean openHeadless(WorkbenchOptions options) {
        try {
            headlessChoice(options).ifPresent(path -> session.setProject(Project.open(path)));
            return true;
        } catch (RuntimeException e) {
            System.err.println("diagonal: " + Errors.message(e));
            exit(1);
            return false;
        }
    }

    private void exit(int code) {
        exitCode = code;
        Platform.exit();
    }

    /**
     * The screen a start without {@code --screen} shows: Fine-tune, replaying the newest run, when the project has
     * a readable one (the sample ships its story run, so a fresh clone opens on its heatmap and curves); else Project.
     */
    static Screen firstScreen(Optional<Path> project) {
        boolean hasRun = project.map(folder -> {
            try {
                return Project.open(folder).runs().latest().filter(run -> run.readable()).isPresent();
            } catch (RuntimeException e) {
                return false; // the project screen reports a project that cannot be opened
            }
        }).orElse(false);
        return hasRun ? Screen.FINETUNE : Screen.PROJECT;
    }

    /** The project a snapshot or the benchmark opens, as {@link #openHeadless} picks it; empty when there is none. */
    private Optional<Path> headlessProject(WorkbenchOptions options) {
        try {
            return headlessChoice(options);
        } catch (RuntimeException e) {
            return Optional.empty(); // openHeadless reports it
        }
    }

    /** {@code --project}, else the sample project (copied first for an installed app). */
    private Optional<Path> headlessChoice(WorkbenchOptions options) {
        return options.project() != null ? Optional.of(options.project()) : session.paths().writableSampleProject();
    }

    /** {@code --project}, else the last project if it is still there, else the sample project. */
    private Optional<Path> firstProject(WorkbenchOptions options, Settings settings) {
        if (options.project() != null) {
            return Optional.of(options.project());
        }
        Optional<Path> last = settings.lastProject().filter(p -> Files.isRegularFile(p.resolve(Project.FILE_NAME)));
        if (last.isPresent()) {
            return last;
        }
        try {
            return session.paths().writableSampleProject();
        } catch (RuntimeException e) {
            session.dialogs().showError("Cannot open the sample project", Errors.message(e));
            return Optional.empty();
        }
    }

    private void restoreGeometry(Settings settings) {
        settings.windowGeometry().ifPresentOrElse(g -> {
            boolean visible = !javafx.stage.Screen.getScreensForRectangle(new Rectangle2D(g.x(), g.y(),
                    Math.max(1, g.width()), Math.max(1, g.height()))).isEmpty();
            if (visible && g.width() >= 400 && g.height() >= 300) {
                stage.setX(g.x());
                stage.setY(g.y());
                stage.setWidth(g.width());
                stage.setHeight(g.height());
            }
            stage.setMaximized(g.maximized());
        }, () -> {
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
        });
    }

    @Override
    public void stop() {
        if (!snapshot && stage != null && session != null) {
            session.settings().setWindowGeometry(new Settings.WindowGeometry(stage.getX(), stage.getY(),
                    stage.getWidth(), stage.getHeight(), stage.isMaximized()));
            try {
                session.saveSettings();
            } catch (RuntimeException e) {
                System.err.println("diagonal: cannot save settings: " + Errors.message(e));
            }
        }
        if (runner != null) {
            runner.shutdown();
        }
    }
}
