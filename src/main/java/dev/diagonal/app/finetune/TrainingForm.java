package dev.diagonal.app.finetune;

import dev.diagonal.DiagonalException;
import dev.diagonal.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The hyperparameters the fine-tune screen lets a user set, starting from the engine's defaults; the
 * rest keep {@link TrainingConfig#defaults()}.
 */
public final class TrainingForm {

    /** The methods, as the engine names them. */
    public static final List<String> METHODS = List.of(TrainingConfig.CONTRASTIVE, TrainingConfig.LINEAR_PROBE);
    /** Suggestions for what to freeze (the field takes any {@code --freeze} value). */
    public static final List<String> FREEZE_CHOICES = List.of("none", "text", "image", "image:last=2,text:last=2",
            "all-but-projections");
    /** Suggestions for the training-image augmentations (the field takes any {@code --augment} value). */
    public static final List<String> AUGMENT_CHOICES = List.of("none", "crop,affine,background", "crop,affine", "crop");

    private final StringProperty method = new SimpleStringProperty(TrainingConfig.CONTRASTIVE);
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final StringProperty lr = new SimpleStringProperty();
    private final IntegerProperty shots = new SimpleIntegerProperty();
    private final StringProperty freeze = new SimpleStringProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty();
    private final DoubleProperty valFraction = new SimpleDoubleProperty();
    private final StringProperty device = new SimpleStringProperty();
    private final StringProperty augment = new SimpleStringProperty();
    private final BooleanProperty captionTemplates = new SimpleBooleanProperty();

    public TrainingForm() {
        TrainingConfig d = TrainingConfig.defaults();
        epochs.set(d.epochs());
        batchSize.set(d.batchSize());
        lr.set(String.format(Locale.ROOT, "%s", d.lr()));
        shots.set(d.shots());
        freeze.set(d.freeze());
        seed.set((int) d.seed());
        valFraction.set(d.valFraction());
        device.set(d.device());
        augment.set(d.augment());
    }

    /**
     * The configuration the form describes.
     *
     * @param templates the prompt templates that wrap each training caption when {@link #captionTemplatesProperty()}
     *     is set (the project's)
     * @throws DiagonalException naming the field when a value is not acceptable
     */
    public TrainingConfig toConfig(List<String> templates) {
        double rate;
        try {
            rate = Double.parseDouble(lr.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new DiagonalException("learning rate: \"" + lr.get() + "\" is not a number (e.g. 1e-5)");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("method", method.get());
        changes.put("epochs", epochs.get());
        changes.put("batch_size", batchSize.get());
        changes.put("lr", rate);
        changes.put("shots", shots.get());
        changes.put("freeze", freeze.get());
        changes.put("seed", (long) seed.get());
        changes.put("val_fraction", valFraction.get());
        changes.put("device", device.get());
        changes.put("augment", augment.get());
        changes.put("caption_templates", captionTemplates.get() ? templates : List.of());
        return TrainingConfig.defaults().with(changes);
    }

    public StringProperty methodProperty() {
        return method;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /** The peak learning rate as typed, e.g. {@code 1e-5}. */
    public StringProperty lrProperty() {
        return lr;
    }

    /** Images per class to train on; 0 for all. */
    public IntegerProperty shotsProperty() {
        return shots;
    }

    public StringProperty freezeProperty() {
        return freeze;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** Share split off the training data for validation when no validation set is chosen. */
    public DoubleProperty valFractionProperty() {
        return valFraction;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    /** Training-image augmentations as {@code --augment} takes them: {@code none} or e.g. {@code crop,affine}. */
    public StringProperty augmentProperty() {
        return augment;
    }

    /** Whether each training caption is wrapped in one of the project's prompt templates, drawn at every step. */
    public BooleanProperty captionTemplatesProperty() {
        return captionTemplates;
    }
}
