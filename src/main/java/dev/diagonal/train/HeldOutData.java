package dev.diagonal.train;

import dev.diagonal.DiagonalException;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place that keeps test and shift sets out of training: a run's training or validation data that
 * a project lists with a {@linkplain dev.diagonal.project.DatasetRole#heldOut() held-out} role is refused.
 * Validation data pick the best checkpoint and drive the LR range test, the linear probe's C sweep and
 * Tip-Adapter's α/β search, so this covers every method, from the command line, the workbench or the demo.
 * The project is found from the data's path: every folder above it holding a {@code diagonal-project.json}.
 */
public final class HeldOutData {

    private HeldOutData() {}

    /**
     * Throws when {@code data} is a test or shift set of a project above it.
     *
     * @param use what the run would use it as, e.g. {@code "validation data"}
     * @throws DiagonalException naming the dataset, its role and the project file
     */
    public static void refuse(Path data, String use) {
        if (data == null) {
            return;
        }
        Path absolute = data.toAbsolutePath().normalize();
        for (Path folder = Files.isDirectory(absolute) ? absolute : absolute.getParent(); folder != null;
                folder = folder.getParent()) {
            Path file = folder.resolve(Project.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Optional<DatasetEntry> entry = listed(file, absolute);
            if (entry.isPresent() && entry.get().role().heldOut()) {
                throw new DiagonalException(data + " cannot be the " + use + ": it is dataset '" + entry.get().name()
                        + "' of " + file + " with role " + entry.get().role().label() + ", and test and shift sets are"
                        + " for evaluation only (never for model selection, hyperparameter search, the LR range test"
                        + " or Tip-Adapter's alpha/beta search); give a dataset with role train or val, or split"
                        + " validation data off the training data (--val-fraction)");
            }
        }
    }

    /** Refuses held-out sets as the request's training or validation data. */
    static void check(TrainingRequest request) {
        refuse(request.train(), "training data");
        refuse(request.val(), "validation data");
    }

    private static Optional<DatasetEntry> listed(Path file, Path data) {
        try {
            return Project.open(file).datasetAt(data);
        } catch (DiagonalException e) {
            return Optional.empty(); // a broken project file is the project screens' concern, not a reason to stop a run
        }
    }
}
