package dev.diagonal.app.finetune;

import dev.diagonal.train.InvalidSettingException;
import dev.diagonal.train.Methods;
import dev.diagonal.train.Setting;
import dev.diagonal.train.TrainingConfig;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings the fine-tune screen lets a user set, starting from the engine's defaults; the rest keep
 * {@link TrainingConfig#defaults()}. Each method reads only some of them ({@link #applies}): the screen shows
 * those, and the others keep the defaults in the configuration, whatever the hidden fields hold. A bad value
 * is reported by its setting's label ({@link Setting#label()}) and marked ({@link #faultProperty()}).
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
    /** The layer lists offered for LoRA's targets (the field takes any comma list of them). */
    public static final List<String> LORA_TARGET_CHOICES = List.of("q_proj,k_proj,v_proj,out_proj", "q_proj,k_proj,v_proj",
            "q_proj,v_proj");

    private final StringProperty method = new SimpleStringProperty(Methods.CONTRASTIVE);
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final StringProperty lr = new SimpleStringProperty();
    private final IntegerProperty shots = new SimpleIntegerProperty();
    private final IntegerProperty probeSize = new SimpleIntegerProperty();
    private final StringProperty freeze = new SimpleStringProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty();
    private final DoubleProperty valFraction = new SimpleDoubleProperty();
    private final StringProperty device = new SimpleStringProperty();
    private final StringProperty augment = new SimpleStringProperty();
    private final BooleanProperty captionTemplates = new SimpleBooleanProperty();
    private final StringProperty batches = new SimpleStringProperty();
    private final IntegerProperty loraRank = new SimpleIntegerProperty();
    private final StringProperty loraAlpha = new SimpleStringProperty();
    private final StringProperty loraDropout = new SimpleStringProperty();
    private final StringProperty loraTargets = new SimpleStringProperty();
    private final ObjectProperty<Setting> fault = new SimpleObjectProperty<>();
    private final StringProperty description = new SimpleStringProperty();
    private final Map<Setting, BooleanBinding> applies = new EnumMap<>(Setting.class);

    public TrainingForm() {
        TrainingConfig d = TrainingConfig.defaults();
        epochs.set(d.schedule().epochs());
        batchSize.set(d.data().batchSize());
        lr.set(d.optimizer().lrAuto() ? "auto" : String.format(Locale.ROOT, "%s", d.optimizer().lr()));
        shots.set(d.data().shots());
        probeSize.set(d.evaluation().probeSize());
        freeze.set(d.freeze().toString());
        seed.set((int) d.seed());
        valFraction.set(d.data().valFraction());
        device.set(d.device());
        augment.set(d.data().augment().spec());
        batches.set(d.data().batches().key());
        loraRank.set(d.lora().loraRank());
        loraAlpha.set(number(d.lora().loraAlpha()));
        loraDropout.set(number(d.lora().loraDropout()));
        loraTargets.set(d.lora().loraTargets());
        description.bind(Bindings.createStringBinding(() -> MethodTraits.describe(method.get()), method));
    }

    /** Whether the chosen method reads {@code setting}; the screen shows only the settings that apply. */
    public BooleanBinding applies(Setting setting) {
        return applies.computeIfAbsent(setting, s -> Bindings.createBooleanBinding(
                () -> MethodTraits.settings(method.get()).contains(s), method));
    }

    /** What the chosen method does and how it reads its settings, in a paragraph. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description;
    }

    /** The setting whose value the last {@link #toConfig} refused; null once a configuration was built. */
    public ReadOnlyObjectProperty<Setting> faultProperty() {
        return fault;
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
        try {
            TrainingConfig config = build(templates);
            fault.set(null);
            return config;
        } catch (InvalidSettingException e) {
            fault.set(e.setting());
            throw e;
        }
    }

    private TrainingConfig build(List<String> templates) {
        Set<Setting> own = MethodTraits.settings(method.get());
        TrainingConfig.Builder b = TrainingConfig.builder().method(method.get()).seed(seed.get()).device(device.get());
        if (own.contains(Setting.EPOCHS)) {
            b.epochs(epochs.get());
        }
        if (own.contains(Setting.BATCH_SIZE)) {
            b.batchSize(batchSize.get());
        }
        if (own.contains(Setting.LR)) {
            b.lr(lr.get());
        }
        if (own.contains(Setting.PROBE_SIZE)) {
            b.probeSize(probeSize.get());
        }
        if (own.contains(Setting.SHOTS)) {
            b.shots(shots.get());
        }
        if (own.contains(Setting.FREEZE)) {
            b.freeze(freeze.get());
        }
        if (own.contains(Setting.VAL_FRACTION)) {
            b.valFraction(valFraction.get());
        }
        if (own.contains(Setting.AUGMENT)) {
            b.augment(augment.get());
        }
        if (own.contains(Setting.BATCHES)) {
            b.batches(batches.get());
        }
        if (own.contains(Setting.CAPTION_TEMPLATES)) {
            b.captionTemplates(captionTemplates.get() ? templates : List.of());
        }
        if (own.contains(Setting.LORA_RANK)) {
            b.loraRank(loraRank.get()).loraAlpha(number(Setting.LORA_ALPHA, loraAlpha.get()))
                    .loraDropout(number(Setting.LORA_DROPOUT, loraDropout.get())).loraTargets(loraTargets.get());
        }
        return b.build();
    }

    private static double number(Setting setting, String text) {
        try {
            return Double.parseDouble(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, "must be a number, not \"" + text + "\"");
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    public StringProperty methodProperty() {
        return method;
    }

    /** Images in the similarity probe batch (the heatmap's rows and columns). */
    public IntegerProperty probeSizeProperty() {
        return probeSize;
    }

    /** Epochs to train. */
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

    /** The adapters' rank r ({@value dev.diagonal.train.Methods#LORA} only). */
    public IntegerProperty loraRankProperty() {
        return loraRank;
    }

    /** LoRA's alpha as typed; the adapters are scaled by alpha / rank. */
    public StringProperty loraAlphaProperty() {
        return loraAlpha;
    }

    /** LoRA's dropout on the adapters' input as typed, at least 0 and below 1. */
    public StringProperty loraDropoutProperty() {
        return loraDropout;
    }

    /** The layers LoRA adapts, a comma list of q_proj, k_proj, v_proj, out_proj. */
    public StringProperty loraTargetsProperty() {
        return loraTargets;
    }
}
