package dev.diagonal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.app.bench.PulseMonitor;
import dev.diagonal.app.bench.StallStats;
import dev.diagonal.app.common.Errors;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.finetune.FinetuneViewModel;
import dev.diagonal.app.finetune.RunDisplay;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The hidden {@code --bench-ui OUT.json}: on the open project, scrolls the dataset grid step by step
 * (timing each step's work on the JavaFX thread), then runs a short fine-tune on the fine-tune screen
 * while a {@link PulseMonitor} records how long the JavaFX thread stalls; writes the numbers as JSON,
 * deletes the benchmark's run and reports an exit code (0 done, 1 failed). A benchmark, not a test.
 */
final class UiBench {

    private static final int SCROLL_STEPS = 120;
    private static final double SCROLL_PIXELS = 130;

    private final WorkbenchOptions.Bench options;
    private final Scene scene;
    private final Screens screens;
    private final MainViewModel main;
    private final Session session;
    private final IntConsumer done;

    UiBench(WorkbenchOptions.Bench options, Scene scene, Screens screens, MainViewModel main, IntConsumer done) {
        this.options = options;
        this.scene = scene;
        this.screens = screens;
        this.main = main;
        this.session = main.session();
        this.done = done;
    }

    /** Runs the benchmark on its own thread; {@code done} hears the exit code on the JavaFX thread. */
    void start() {
        Thread thread = new Thread(this::run, "diagonal-bench-ui");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int code = 0;
        try {
            Project project = session.project();
            if (project == null) {
                throw new IllegalStateException("no project to benchmark on (use --project DIR)");
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("project", project.folder().toString());
            report.put("processors", Runtime.getRuntime().availableProcessors());
            report.put("javafx", System.getProperty("javafx.runtime.version"));
            report.put("prism", System.getProperty("prism.order", "default"));
            report.put("scroll", scroll());
            report.put("finetune", finetune(project));
            report.put("scene_nodes", fx(this::sceneNodes));
            Path out = options.out().toAbsolutePath();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
            System.out.println("bench-ui report written to " + out);
        } catch (Exception e) {
            System.err.println("diagonal: bench-ui: " + Errors.message(e));
            code = 1;
        }
        int exit = code;
        Platform.runLater(() -> done.accept(exit));
    }

    private Map<String, Object> scroll() throws Exception {
        fx(() -> {
            main.show(Screen.DATASET);
            if (options.dataset() != null) {
                DatasetEntry entry = screens.dataset.entries().stream().filter(e -> e.name().equals(options.dataset()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("--bench-dataset: no dataset "
                                + options.dataset() + " in the project"));
                screens.dataset.selectedProperty().set(entry);
            }
            return null;
        });
        waitFor("the dataset to load", 600, () -> !screens.dataset.loadingProperty().get() && !screens.dataset.shown().isEmpty());
        Thread.sleep(1000);
        VirtualFlow<?> flow = fx(() -> (VirtualFlow<?>) scene.lookup("#sample-grid").lookup(".virtual-flow"));
        PulseMonitor monitor = new PulseMonitor();
        fx(() -> {
            monitor.start();
            return null;
        });
        StallStats steps = new StallStats();
        for (int i = 0; i < SCROLL_STEPS; i++) {
            steps.add(fx(() -> {
                long start = System.nanoTime();
                flow.scrollPixels(SCROLL_PIXELS);
                flow.layout();
                return (System.nanoTime() - start) / 1e6;
            }));
            Thread.sleep(16); // about one wheel notch per frame
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dataset", fx(() -> screens.dataset.selectedProperty().get().name()));
        result.put("samples", fx(() -> screens.dataset.shown().size()));
        result.put("step_pixels", SCROLL_PIXELS);
        result.put("step_ui_thread", steps.summary());
        result.putAll(fx(monitor::stop));
        return result;
    }

    private Map<String, Object> finetune(Project project) throws Exception {
        FinetuneViewModel finetune = screens.finetune;
        // switching screens (styles of ~400 nodes applied as the screen enters the scene) is timed on its
        // own: the fine-tune's numbers start once the screen has settled, as when a user presses Start
        PulseMonitor switching = new PulseMonitor();
        fx(() -> {
            switching.start();
            main.show(Screen.FINETUNE);
            return null;
        });
        waitFor("the fine-tune screen to settle", 120, () -> !finetune.runningProperty().get());
        Thread.sleep(2000);
        Map<String, Object> switched = fx(switching::stop);
        Set<String> before = project.runs().list().stream().map(RunSummary::id).collect(Collectors.toSet());
        boolean ready = fx(() -> {
            finetune.form().epochsProperty().set(options.epochs());
            if (options.probeSize() != null) {
                finetune.form().probeSizeProperty().set(options.probeSize());
            }
            finetune.form().deviceProperty().set("cpu");
            return finetune.startCommand().isExecutable();
        });
        if (!ready) {
            throw new IllegalStateException("cannot start a fine-tune: " + fx(() -> finetune.display().statusProperty().get()));
        }
        PulseMonitor monitor = new PulseMonitor();
        long start = System.nanoTime();
        // when the run's first step and evaluation reached the screen, on the clock of the long gaps
        Map<String, Object> marks = new LinkedHashMap<>();
        fx(() -> {
            monitor.start();
            marks.put("started_at_uptime_ms", PulseMonitor.uptimeMillis());
            finetune.display().steps().addListener((ListChangeListener<Object>) change -> marks.putIfAbsent("first_step_at_uptime_ms", PulseMonitor.uptimeMillis()));
            finetune.display().evaluations().addListener((ListChangeListener<Object>) change -> marks.putIfAbsent("first_evaluation_at_uptime_ms", PulseMonitor.uptimeMillis()));
            finetune.startCommand().execute();
            return null;
        });
        waitFor("the fine-tune to end", 3600, () -> !finetune.runningProperty().get());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> stalls = fx(monitor::stop);
        RunDisplay display = finetune.display();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", project.modelPath().map(Path::toString).orElse(null));
        result.put("epochs", options.epochs());
        result.put("probe_size", fx(() -> finetune.form().probeSizeProperty().get()));
        result.put("plan", fx(() -> display.planProperty().get()));
        result.put("status", fx(() -> display.statusProperty().get()));
        result.put("steps", fx(() -> display.steps().size()));
        result.put("evaluations", fx(() -> display.evaluations().size()));
        result.put("similarity_snapshots", fx(() -> display.replay().snapshots().size()));
        result.put("seconds", Math.round(seconds * 10) / 10.0);
        result.put("screen_switch_longest_stall_ms", ((Map<?, ?>) switched.get("pulses")).get("max_ms"));
        result.putAll(stalls);
        result.putAll(fx(() -> new LinkedHashMap<>(marks)));
        List<String> created = project.runs().list().stream().map(RunSummary::id).filter(id -> !before.contains(id)).toList();
        for (String id : created) {
            project.runs().delete(id);
        }
        result.put("runs_deleted", created);
        if (!String.valueOf(result.get("status")).startsWith("Run ")) {
            throw new IllegalStateException("the fine-tune did not complete: " + result.get("status"));
        }
        return result;
    }

    /** How many nodes the scene holds, in all and per screen: a screen that piles up nodes slows every pulse. */
    private Map<String, Object> sceneNodes() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("all", count(scene.getRoot()));
        for (Screen screen : Screen.values()) {
            counts.put(screen.id(), count(screens.view(screen)));
        }
        return counts;
    }

    private static int count(javafx.scene.Node node) {
        int total = 1;
        if (node instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
                total += count(child);
            }
        }
        return total;
    }

    /** Waits up to {@code seconds} for {@code condition} (checked on the JavaFX thread every 100 ms). */
    private static void waitFor(String what, int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result. */
    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
