package dev.diagonal.app;

import dev.diagonal.app.common.Session;
import dev.diagonal.app.compare.CompareView;
import dev.diagonal.app.compare.CompareViewModel;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.app.dataset.DatasetView;
import dev.diagonal.app.dataset.DatasetViewModel;
import dev.diagonal.app.export.ExportView;
import dev.diagonal.app.export.ExportViewModel;
import dev.diagonal.app.finetune.FinetuneView;
import dev.diagonal.app.finetune.FinetuneViewModel;
import dev.diagonal.app.model.ModelView;
import dev.diagonal.app.model.ModelViewModel;
import dev.diagonal.app.project.ProjectView;
import dev.diagonal.app.project.ProjectViewModel;
import dev.diagonal.app.runs.RunsView;
import dev.diagonal.app.runs.RunsViewModel;
import dev.diagonal.app.zeroshot.ZeroShotView;
import dev.diagonal.app.zeroshot.ZeroShotViewModel;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;

/** Every screen's view model and view, built once for a session. */
final class Screens {

    final ProjectViewModel project;
    final ModelViewModel model;
    final DatasetViewModel dataset;
    final ZeroShotViewModel zeroShot;
    final RunsViewModel runs;
    final FinetuneViewModel finetune;
    final ExportViewModel export;
    final CompareViewModel compare;
    private final Map<Screen, Node> views = new EnumMap<>(Screen.class);

    /** The screens of a session; {@code navigate} switches the shown screen (a run shown from the Runs or Compare screen). */
    Screens(Session session, ThumbnailLoader thumbnails, java.util.function.Consumer<Screen> navigate) {
        project = new ProjectViewModel(session);
        model = new ModelViewModel(session);
        dataset = new DatasetViewModel(session);
        zeroShot = new ZeroShotViewModel(session);
        finetune = new FinetuneViewModel(session);
        java.util.function.Consumer<java.nio.file.Path> showRun = runDir -> {
            finetune.open(runDir);
            navigate.accept(Screen.FINETUNE);
        };
        runs = new RunsViewModel(session, runDir -> {
            finetune.resume(runDir);
            navigate.accept(Screen.FINETUNE);
        }, showRun);
        export = new ExportViewModel(session);
        compare = new CompareViewModel(session, showRun);
        views.put(Screen.PROJECT, new ProjectView(project));
        views.put(Screen.MODEL, new ModelView(model));
        views.put(Screen.DATASET, new DatasetView(dataset, thumbnails));
        views.put(Screen.ZEROSHOT, new ZeroShotView(zeroShot, thumbnails));
        views.put(Screen.FINETUNE, new FinetuneView(finetune, thumbnails));
        views.put(Screen.RUNS, new RunsView(runs));
        views.put(Screen.EXPORT, new ExportView(export));
        views.put(Screen.COMPARE, new CompareView(compare));
        views.forEach((screen, view) -> view.setId("screen-" + screen.id()));
    }

    Node view(Screen screen) {
        return views.get(screen);
    }
}
