package dev.diagonal.app.finetune;

import dev.diagonal.train.InvalidSettingException;
import dev.diagonal.train.Methods;
import dev.diagonal.train.Setting;
import dev.diagonal.train.TrainingConfig;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings the fine-tune screen lets a user set, starting from the engine's defaults; the rest keep
 * {@link TrainingConfig#defaults()}. A bad value is reported by its setting's label ({@link Setting#label()}).
 */
public final class TrainingForm {

    /** The methods, as the engine names them. */
    public static final List<String> METHODS = Methods.names();
    /** Suggestions for what to freeze (the field takes any {@code --freeze} value). */
    public static final List<String> FREEZE_CHOICES = List.of("none", "text", "image", "image:last=2,text:last=2",
            "all-but-projections");
    /** The ways of batching labelled data, the default first. */
    public static final List<String> BATCHES_CHOICES = java.util.Arrays.stream(dev.diagonal.train.Batches.values())
            .map(dev.diagonal.train.Batches::key).toList();
    /** Suggestions for the training-image augmentations (the field takes any {@code --augment} value). */
    public static final List<String> AUGMENT_CHOICES = List.of("none", "crop,affine,background", "crop,affine", "crop");

    private final StringProperty method = new SimpleStringProperty(Methods.CONTRASTIVE);
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
    private final StringProperty batches = new SimpleStringProperty();

    public TrainingForm() {
        TrainingConfig d = TrainingConfig.defaults();
        epochs.set(d.schedule().epochs());
        batchSize.set(d.data().batchSize());
        lr.set(String.format(Locale.ROOT, "%s", d.optimizer().lr()));
        shots.set(d.data().shots());
        freeze.set(d.freeze().toString());
        seed.set((int) d.seed());
        valFraction.set(d.data().valFraction());
        device.set(d.device());
        augment.set(d.data().augment().spec());
        batches.set(d.data().batches().key());
    }

    /** How labelled data are batched: {@code fill} or {@code one-per-class}. */
    public StringProperty batchesProperty() {
        return batches;
    }

    /**
     * The configuration the form describes.
     *
     * @param templates the prompt templates that wrap each training caption when {@link #captionTemplatesProperty()}
     *     is set (the project's)
     * @throws InvalidSettingException naming the setting (by its label) when a value is not acceptable
     */
    public TrainingConfig toConfig(List<String> templates) {
        return TrainingConfig.builder().method(method.get()).epochs(epochs.get()).batchSize(batchSize.get()).lr(lr.get())
                .shots(shots.get()).freeze(freeze.get()).seed(seed.get()).valFraction(valFraction.get())
                .device(device.get()).augment(augment.get()).batches(batches.get())
                .captionTemplates(captionTemplates.get() ? templates : List.of()).build();
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

    /** The peak learning rate as typed, e.g. {@code 1e-5}, or {@code auto} for an LR range test on the training data. */
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
