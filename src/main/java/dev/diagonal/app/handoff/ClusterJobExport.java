package dev.diagonal.app.handoff;

import dev.diagonal.app.common.Command;
import dev.diagonal.app.common.Session;
import dev.diagonal.app.finetune.FinetuneViewModel;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.handoff.HandoffJob;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.Project;
import dev.diagonal.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;

/**
 * The Fine-tune screen's "Export as a cluster job…": writes the form's run as a hand-off job
 * ({@link HandoffJob}: accelerate/torchrun with transformers' Trainer) into a folder the user picks, in the
 * background, then says what does not carry over and offers to open the folder.
 */
public final class ClusterJobExport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Session session;
    private final FinetuneViewModel screen;
    private final Command command;

    /** The action for {@code screen}'s form and datasets. */
    public ClusterJobExport(Session session, FinetuneViewModel screen) {
        this.session = session;
        this.screen = screen;
        this.command = new Command(this::export, Bindings.createBooleanBinding(() -> screen.trainProperty().get() != null
                && session.project() != null && session.project().modelPath().map(Files::isDirectory).orElse(false),
                screen.trainProperty(), session.projectProperty(), session.projectRevisionProperty()));
    }

    /** The command the screen's button runs. */
    public Command command() {
        return command;
    }

    private void export() {
        Project project = session.project();
        TrainingConfig config;
        try {
            List<String> templates = !screen.form().captionTemplatesProperty().get() ? List.of()
                    : CaptionTemplates.loadOrDefaults(project.templatesPath()).templates();
            config = screen.form().toConfig(templates);
        } catch (RuntimeException e) {
            session.dialogs().showError("Cannot export a cluster job", e);
            return;
        }
        var chosen = session.dialogs().chooseDirectory("Export as a cluster job: choose a folder", project.folder());
        if (chosen.isEmpty()) {
            return;
        }
        Path job = jobFolder(chosen.get());
        Path model = project.modelPath().orElseThrow();
        DatasetEntry train = screen.trainProperty().get();
        DatasetEntry val = screen.valProperty().get();
        Path trainPath = project.datasetPath(train);
        Path valPath = val == null ? null : project.datasetPath(val);
        List<String> warnings = new ArrayList<>();
        session.tasks().task("Writing cluster job " + job.getFileName(),
                        context -> HandoffJob.write(model, trainPath, valPath, config, job, warnings::add))
                .onSuccess(written -> {
                    StringBuilder text = new StringBuilder("Wrote " + written.dir() + " (" + written.trainRows()
                            + " training, " + written.valRows() + " validation rows).\nRun it with NPROC=N launch.sh or "
                            + "sbatch sbatch.sh, then diagonal import-run output --out RUN.\n\nDoes not carry over:\n");
                    warnings.forEach(w -> text.append("- ").append(w).append('\n'));
                    written.notCarried().forEach(n -> text.append("- ").append(n).append('\n'));
                    if (session.dialogs().confirm("Cluster job written", text + "\nOpen the folder?")) {
                        session.dialogs().openFolder(written.dir());
                    }
                })
                .onFailure(error -> session.dialogs().showError("Cannot export a cluster job", error))
                .start();
    }

    /** The chosen folder when it is empty, else a new {@code cluster-job-<time>} inside it. */
    static Path jobFolder(Path chosen) {
        try (var entries = Files.list(chosen)) {
            if (entries.findAny().isEmpty()) {
                return chosen;
            }
        } catch (IOException e) {
            // not listable (or absent): write a fresh folder inside, whose error names it
        }
        return chosen.resolve("cluster-job-" + STAMP.format(LocalDateTime.now()));
    }
}
