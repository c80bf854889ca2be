package dev.diagonal.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.StateDict;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScratchProfileTest {
    @Test
    void profile() {
        GradMode.disableOnThisThread();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = StateDict.load(Path.of("/tmp/diagonal-bench-train/model"), manager);
            Map<String, Parameter> trainable = Freeze.parse("none").apply(model);
            AdamW opt = new AdamW(trainable, manager, 0.9, 0.98, 1e-6, 0.1);
            Random r = new Random(0);
            float[] px = new float[32 * 3 * 224 * 224];
            for (int i = 0; i < px.length; i++) px[i] = (float) r.nextGaussian();
            long[] ids = new long[32 * 16];
            for (int i = 0; i < 32; i++) { ids[i * 16] = 49406; for (int j = 1; j < 15; j++) ids[i * 16 + j] = 1000 + r.nextInt(1000); ids[i * 16 + 15] = 49407; }
            long[] mask = new long[32 * 16];
            java.util.Arrays.fill(mask, 1);
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime(), t1, t2, t3;
                double imgT, txtT;
                try (NDScope scope = new NDScope(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray p = manager.create(px, new Shape(32, 3, 224, 224));
                    NDArray i = manager.create(ids, new Shape(32, 16));
                    NDArray m = manager.create(mask, new Shape(32, 16));
                    long a = System.nanoTime();
                    NDArray img = model.imageFeatures(p);
                    img.getFloat(0, 0);
                    long b = System.nanoTime();
                    NDArray txt = model.textFeatures(i, m);
                    txt.getFloat(0, 0);
                    long cc = System.nanoTime();
                    imgT = (b - a) / 1e9; txtT = (cc - b) / 1e9;
                    NDArray loss = ContrastiveLoss.compute(img, txt, model.logitScale());
                    loss.getFloat();
                    t1 = System.nanoTime();
                    c.backward(loss);
                    trainable.get("logit_scale").getArray().getGradient().getFloat();
                    t2 = System.nanoTime();
                }
                Gradients.clipGlobalNorm(trainable.values(), 1.0);
                long t25 = System.nanoTime();
                opt.step(1e-5);
                Gradients.zero(trainable.values());
                t3 = System.nanoTime();
                System.err.printf("JAVAPROF rep %d fwd %.2f (img %.2f txt %.2f) bwd %.2f clip %.2f adamw+zero %.2f total %.2f%n", rep, (t1 - t0) / 1e9, imgT, txtT, (t2 - t1) / 1e9, (t25 - t2) / 1e9, (t3 - t25) / 1e9, (t3 - t0) / 1e9);
            }
        }
    }
}
