package dev.diagonal.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import dev.diagonal.clip.ClipConfig;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.Devices;
import dev.diagonal.clip.Lora;
import dev.diagonal.clip.StateDict;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.image.Augmentation;
import dev.diagonal.image.ClipImageProcessor;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import dev.diagonal.text.ClipTokenizer;
import dev.diagonal.text.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything a contrastive run holds while it trains: the model on its device with its trainable
 * parameters and optimizer, the tokenized data, the image loader (train images first, then
 * validation images), the sampler and the evaluator. Built fresh from the base model, or from a
 * checkpoint's weights and optimizer state when resuming.
 */
final class TrainingSession implements AutoCloseable {

    final TrainingConfig config;
    final Path modelDir;
    final Device device;
    final NDManager manager;
    final ClipModel model;
    final ClipConfig modelConfig;
    final ClipTokenizer tokenizer;
    final FeatureModel features;
    final Map<String, Parameter> trainable;
    final AdamW optimizer;
    final TrainingData train;
    final TrainingData val;
    final PixelLoader pixels;
    final ClassBalancedSampler sampler;
    /** Per training sample, the key that makes same-key pairs positives (its caption, or its class when the
     * caption comes from a template); null in one-per-class mode. */
    final List<String> positiveKeys;
    /** The prompts of every class in {@link Batches#CLASSES} mode with labelled data; else null. */
    final ClassPrompts classPrompts;
    final Evaluator evaluator;
    final long frozenValues;
    final long trainableValues;
    /** The adapters of a {@value Methods#LORA} run; null for the other methods. */
    final Lora lora;

    private TrainingSession(TrainingConfig config, Path modelDir, Device device, NDManager manager, ClipModel model,
            ClipTokenizer tokenizer, DataSetup.Prepared data) {
        this.config = config;
        this.modelDir = modelDir;
        this.device = device;
        this.manager = manager;
        this.model = model;
        this.modelConfig = model.config();
        this.tokenizer = tokenizer;
        this.features = new FeatureModel(model, manager);
        long all = model.stateDict().values().stream().mapToLong(p -> p.getArray().size()).sum();
        if (config.method().equals(Methods.LORA)) {
            LoraSettings settings = config.lora();
            model.stateDict().values().forEach(p -> p.freeze(true));
            this.lora = Lora.attach(model, settings.loraRank(), settings.loraAlpha(), settings.loraDropout(),
                    settings.targets(), config.seed(), manager);
            lora.parameters().values().forEach(p -> p.freeze(false));
            this.trainable = lora.parameters();
        } else {
            this.lora = null;
            this.trainable = config.freeze().apply(model);
        }
        this.trainableValues = trainable.values().stream().mapToLong(p -> p.getArray().size()).sum();
        this.frozenValues = lora != null ? all : all - trainableValues;
        this.optimizer = new AdamW(trainable, manager, config.optimizer().beta1(), config.optimizer().beta2(), config.optimizer().eps(), config.optimizer().weightDecay());
        this.train = TrainingData.of(data.train(), tokenizer, config.data().captionTemplates(), config.seed());
        this.val = TrainingData.of(data.val(), tokenizer);
        ClipImageProcessor processor = new ClipImageProcessor(Embedder.imageConfig(modelDir, modelConfig));
        List<Path> images = new ArrayList<>(train.images());
        images.addAll(val.images());
        this.pixels = new PixelLoader(images, processor::preprocess, features.valuesPerImage(),
                (long) config.data().cacheLimitMb() << 20, PixelLoader.defaultThreads(), augmentation(config, processor));
        Batches mode = config.data().batches();
        this.sampler = new ClassBalancedSampler(data.batchKeys(), config.data().batchSize(), config.seed(), mode);
        this.classPrompts = mode == Batches.CLASSES ? ClassPrompts.of(train.samples(), data.batchKeys(), data.classes(),
                config.data().captionTemplates(), tokenizer, config.seed()) : null;
        this.positiveKeys = mode == Batches.FILL || (mode == Batches.CLASSES && classPrompts == null) ? data.batchKeys() : null;
        Probe probe = val.size() >= 2 ? Probe.pick(val, train.size(), config.evaluation().probeSize(), config.seed())
                : Probe.pick(train, 0, config.evaluation().probeSize(), config.seed());
        this.evaluator = new Evaluator(features, pixels, val, train.size(), probe, data.classes(), tokenizer,
                config.data().batchSize());
    }

    /**
     * Forward and backward of one training micro-batch (see {@link ContrastiveStep#forwardBackward}):
     * its captions as picked for its position, deduplicated and paired by class in fill mode.
     */
    double forwardBackward(Prefetcher.Batch batch, double lossScale) {
        int[] indices = batch.indices();
        long[][] rows;
        ContrastiveStep.BatchLoss loss;
        if (classPrompts != null) {
            rows = classPrompts.rows(batch.position());
            float[] targets = classPrompts.targets(indices);
            loss = (images, texts, scale) -> ContrastiveLoss.classes(images, texts, scale, targets);
        } else {
            rows = train.rows(indices, batch.position());
            PositivePairs pairs = positiveKeys == null ? null
                    : PositivePairs.of(Arrays.stream(indices).mapToObj(positiveKeys::get).toList(), rows);
            rows = pairs == null ? rows : pairs.texts(rows);
            loss = (images, texts, scale) -> pairs == null || pairs.identity() ? ContrastiveLoss.compute(images, texts, scale)
                    : ContrastiveLoss.multiPositive(images, texts, scale, pairs);
        }
        TokenBatch tokens = train.pad(rows);
        try (NDScope scope = new NDScope()) {
            NDArray pixelArray = features.pixels(batch.pixels(), indices.length);
            NDArray ids = manager.create(tokens.inputIds());
            NDArray mask = manager.create(tokens.attentionMask());
            training(true);
            return ContrastiveStep.forwardBackward(model, pixelArray, ids, mask, loss, lossScale);
        } finally {
            training(false);
        }
    }

    private static AugmentedImages augmentation(TrainingConfig config, ClipImageProcessor processor) {
        Augmentation augmentation = config.data().augment();
        return augmentation.isNone() ? null : new AugmentedImages(augmentation, processor, config.seed());
    }

    /**
     * Opens a session: the base model's weights, or those of {@code checkpoint} (with its optimizer
     * state) when it is not null.
     */
    static TrainingSession open(TrainingConfig config, Path modelDir, DataSetup.Prepared data, Path checkpoint,
            TrainState state) {
        Device device = Devices.select(config.device());
        NDManager manager = Engine.getInstance().newBaseManager(device);
        ClipTokenizer tokenizer = null;
        try {
            ClipModel model;
            boolean adapters = config.method().equals(Methods.LORA);
            if (checkpoint == null || adapters) {
                model = StateDict.load(modelDir, manager);
            } else {
                model = new ClipModel(ClipConfig.read(checkpoint));
                Path weights = checkpoint.resolve(CheckpointStore.MODEL);
                StateDict.assign(model, Safetensors.read(weights), manager, weights.toString());
            }
            HeapRelease.afterWeightsLoaded();
            tokenizer = ClipTokenizer.load(modelDir, model.config().text().maxPositionEmbeddings());
            TrainingSession session = new TrainingSession(config, modelDir, device, manager, model, tokenizer, data);
            if (checkpoint != null && adapters) {
                Path file = checkpoint.resolve(LoraMethod.ADAPTER_FILE);
                session.lora.assign(Safetensors.read(file), manager, file.toString());
            }
            if (checkpoint != null) {
                for (boolean second : new boolean[] {false, true}) {
                    Path file = checkpoint.resolve(second ? CheckpointStore.EXP_AVG_SQ : CheckpointStore.EXP_AVG);
                    session.optimizer.importMoments(Safetensors.read(file), second, state.step(), file.toString());
                }
            }
            return session;
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            manager.close();
            throw e;
        }
    }

    /** Optimizer steps in the whole run. */
    long totalSteps() {
        long micro = (long) config.schedule().epochs() * sampler.batchesPerEpoch();
        long steps = micro / config.schedule().accumulation();
        return config.schedule().maxSteps() > 0 ? Math.min(steps, config.schedule().maxSteps()) : steps;
    }

    /** What a checkpoint holds: the weights as F32 host tensors under HF names, or only the adapters. */
    List<HostTensor> weights() {
        return lora != null ? lora.export() : StateDict.export(model);
    }

    /** The checkpoint's weights file. */
    String weightsFile() {
        return lora != null ? LoraMethod.ADAPTER_FILE : CheckpointStore.MODEL;
    }

    /** The weights of a loadable HF model ({@code best/}): with LoRA, the adapters merged in. */
    List<HostTensor> modelWeights() {
        return lora != null ? lora.merged(model) : StateDict.export(model);
    }

    /** With LoRA, writes the adapters in peft's format into {@code dir} (for {@code best/}). */
    void writeAdapter(Path dir) {
        if (lora != null) {
            PeftAdapter.write(dir, lora.export(), config.lora(), modelDir.toAbsolutePath().toString());
        }
    }

    /** Switches adapter dropout on for training steps and off for evaluation. */
    void training(boolean on) {
        if (lora != null) {
            lora.training(on);
        }
    }

    /** Whether every parameter value is finite (checked before a checkpoint is written). */
    boolean weightsFinite() {
        try (NDScope scope = new NDScope()) {
            for (Parameter parameter : trainable.values()) {
                NDArray array = parameter.getArray();
                if (array.isNaN().logicalOr(array.isInfinite()).any().getBoolean()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The training samples (for labels and listing). */
    List<Sample> trainSamples() {
        return train.samples();
    }

    @Override
    public void close() {
        pixels.close();
        optimizer.close();
        tokenizer.close();
        manager.close();
    }
}
