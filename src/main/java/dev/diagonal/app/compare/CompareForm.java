package dev.diagonal.app.compare;

import dev.diagonal.DiagonalException;
import dev.diagonal.compare.Cell;
import dev.diagonal.compare.CompareSpec;
import dev.diagonal.project.DatasetEntry;
import dev.diagonal.project.DatasetRole;
import dev.diagonal.project.Project;
import dev.diagonal.train.Methods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Compare screen sweeps, as a user sets it: model, data sets from the project (defaulted from their
 * roles), methods, shots, seeds and the comparison folder. {@link #toSpec} checks it and reports a bad value by
 * the form's own labels, not by the command line's flags.
 */
public final class CompareForm {

    /** Every method the screen offers, zero-shot first. */
    public static final List<String> METHODS = List.of(Cell.ZERO_SHOT, Methods.LINEAR_PROBE, Methods.TIP_ADAPTER,
            Methods.TIP_ADAPTER_F, Methods.LORA, Methods.CONTRASTIVE);
    /** The methods ticked at first: those {@code compare} runs by default. */
    static final Set<String> DEFAULT_METHODS = Set.of(Cell.ZERO_SHOT, Methods.LINEAR_PROBE, Methods.TIP_ADAPTER_F,
            Methods.LORA, Methods.CONTRASTIVE);
    /** The project's folder of comparisons. */
    public static final String FOLDER = "comparisons";

    /**
     * A dataset that may be a shift set, and whether it is one in this comparison.
     *
     * @param entry the project's dataset
     * @param selected whether it is scored as a shift set
     */
    public record ShiftChoice(DatasetEntry entry, BooleanProperty selected) {}

    private final StringProperty model = new SimpleStringProperty("");
    private final ObservableList<DatasetEntry> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetEntry> train = new SimpleObjectProperty<>();
    private final ObjectProperty<DatasetEntry> test = new SimpleObjectProperty<>();
    private final ObservableList<ShiftChoice> shifts = FXCollections.observableArrayList();
    private final Map<String, BooleanProperty> methods = new LinkedHashMap<>();
    private final StringProperty shots = new SimpleStringProperty("1,4");
    private final IntegerProperty seeds = new SimpleIntegerProperty(3);
    private final StringProperty out = new SimpleStringProperty("");
    private Project project;

    public CompareForm() {
        METHODS.forEach(m -> methods.put(m, new SimpleBooleanProperty(DEFAULT_METHODS.contains(m))));
    }

    /** Fills the form from {@code opened}: its model, its datasets by role, a new folder under {@code comparisons/}. */
    public void fill(Project opened) {
        project = opened;
        List<DatasetEntry> entries = opened == null ? List.of() : opened.datasets();
        datasets.setAll(entries);
        model.set(opened == null ? "" : opened.modelPath().map(Path::toString).orElse(""));
        train.set(first(entries, DatasetRole.TRAIN));
        test.set(first(entries, DatasetRole.TEST));
        shifts.setAll(entries.stream().map(e -> new ShiftChoice(e, new SimpleBooleanProperty(e.role() == DatasetRole.SHIFT))).toList());
        out.set(opened == null ? "" : unusedFolder(opened.folder().resolve(FOLDER)).toString());
    }

    /** The project's datasets changed: keeps the choices that are still there, defaults the rest. */
    public void refresh(Project opened) {
        if (opened != project) {
            fill(opened);
            return;
        }
        List<DatasetEntry> entries = opened == null ? List.of() : opened.datasets();
        datasets.setAll(entries);
        if (train.get() == null || !entries.contains(train.get())) {
            train.set(first(entries, DatasetRole.TRAIN));
        }
        if (test.get() == null || !entries.contains(test.get())) {
            test.set(first(entries, DatasetRole.TEST));
        }
        Map<DatasetEntry, Boolean> was = new LinkedHashMap<>();
        shifts.forEach(s -> was.put(s.entry(), s.selected().get()));
        shifts.setAll(entries.stream().map(e -> new ShiftChoice(e,
                new SimpleBooleanProperty(was.getOrDefault(e, e.role() == DatasetRole.SHIFT)))).toList());
    }

    /** {@code comparison-1}, {@code comparison-2}, …: the first name not taken in {@code parent}. */
    static Path unusedFolder(Path parent) {
        for (int i = 1; ; i++) {
            Path candidate = parent.resolve("comparison-" + i);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private static DatasetEntry first(List<DatasetEntry> entries, DatasetRole role) {
        return entries.stream().filter(e -> e.role() == role).findFirst().orElse(null);
    }

    /**
     * The checked comparison.
     *
     * @param templates the project's prompt templates, or null for the built-in set
     * @throws DiagonalException naming the form's field when a value is not acceptable
     */
    public CompareSpec toSpec(Path templates) {
        if (project == null) {
            throw new DiagonalException("Open a project first.");
        }
        if (model.get() == null || model.get().isBlank()) {
            throw new DiagonalException("Model: choose a model folder (the project has none yet).");
        }
        if (train.get() == null) {
            throw new DiagonalException("Training set: choose one of the project's datasets.");
        }
        if (train.get().role().heldOut()) {
            throw new DiagonalException("Training set: " + train.get().name() + " is a held-out " + train.get().role().label()
                    + " set; it is never trained on.");
        }
        if (test.get() == null) {
            throw new DiagonalException("Test set: choose one of the project's datasets (mark one as test on the Project screen).");
        }
        if (test.get().equals(train.get())) {
            throw new DiagonalException("Test set: must differ from the training set.");
        }
        Map<String, Path> shiftPaths = new LinkedHashMap<>();
        for (ShiftChoice choice : shifts) {
            if (choice.selected().get()) {
                if (choice.entry().equals(train.get())) {
                    throw new DiagonalException("Shift sets: " + choice.entry().name() + " is the training set.");
                }
                shiftPaths.put(choice.entry().name(), project.datasetPath(choice.entry()));
            }
        }
        List<String> chosen = METHODS.stream().filter(m -> methods.get(m).get()).toList();
        if (out.get() == null || out.get().isBlank()) {
            throw new DiagonalException("Output folder: give a folder for the comparison.");
        }
        try {
            return new CompareSpec(Path.of(model.get().strip()), project.datasetPath(train.get()), null,
                    project.datasetPath(test.get()), shiftPaths, chosen, parseShots(shots.get()), seeds.get(),
                    Path.of(out.get().strip()), templates, Map.of(), Map.of(), "auto", 32);
        } catch (DiagonalException e) {
            throw new DiagonalException(reword(e.getMessage()), e);
        }
    }

    /** {@code "1, 4"} → [1, 4]. */
    static List<Integer> parseShots(String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String value = part.strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                values.add(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new DiagonalException("Shots: \"" + value + "\" is not a whole number; write e.g. 1,4");
            }
        }
        return values;
    }

    /** A {@link CompareSpec} message with its flag replaced by the form's label. */
    static String reword(String message) {
        if (message.startsWith("--methods: name at least one")) {
            return "Methods: tick at least one method.";
        }
        if (message.startsWith("--shots: give at least one")) {
            return "Shots: give at least one shot count (e.g. 1,4) for the trained methods.";
        }
        String[][] labels = {{"--model", "Model"}, {"--train", "Training set"}, {"--test", "Test set"},
            {"--shift ", "Shift set "}, {"--methods", "Methods"}, {"--shots", "Shots"}, {"--seeds", "Seeds"},
            {"--templates", "Prompt templates (Project screen)"}};
        for (String[] label : labels) {
            if (message.startsWith(label[0])) {
                return label[1] + message.substring(label[0].length());
            }
        }
        return message;
    }

    /** The model folder as typed; the project's model at first. */
    public StringProperty modelProperty() {
        return model;
    }

    /** The project's datasets, to choose the training and test sets from. */
    public ObservableList<DatasetEntry> datasets() {
        return datasets;
    }

    public ObjectProperty<DatasetEntry> trainProperty() {
        return train;
    }

    public ObjectProperty<DatasetEntry> testProperty() {
        return test;
    }

    /** Every dataset with whether it is a shift set here; the project's shift sets are ticked at first. */
    public ObservableList<ShiftChoice> shifts() {
        return shifts;
    }

    /** Whether {@code method} (one of {@link #METHODS}) is compared. */
    public BooleanProperty methodProperty(String method) {
        return methods.get(method);
    }

    /** Shot counts as typed, comma-separated. */
    public StringProperty shotsProperty() {
        return shots;
    }

    /** Seeds per method and shots (0 … seeds−1). */
    public IntegerProperty seedsProperty() {
        return seeds;
    }

    /** The comparison folder as typed; a folder of an earlier comparison continues it. */
    public StringProperty outProperty() {
        return out;
    }
}
