package dev.diagonal.train;

import ai.djl.engine.Engine;

/**
 * PyTorch's gradient recording is per thread and on by default; DJL turns it off only on the thread
 * that started the engine. The trainer turns it off on its own thread, so evaluation records no graph
 * and the optimizer may update parameters in place (a {@code GradientCollector} turns it on inside).
 */
final class GradMode {

    private GradMode() {}

    /** Turns gradient recording off for the calling thread. */
    static void disableOnThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
    }
}
